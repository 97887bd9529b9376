//! The three formats, the partial answers file end to end, determinism, redaction, privacy,
//! `--output`/`--force`, and detectors replaced from a folder. That the JSON's keys are sorted is
//! checked with every other command's in `json_keys.rs`.

use std::fs;

use crate::formats::with_plain_names;
use crate::library::{AnswerValue, ScanReport, render_scan};

use super::fixture::{Org, SECRET, acme, idpfit, scan_json, scan_text};

#[test]
fn json_has_the_spec_keys() {
    let org = acme();
    let (code, stdout, _) = scan_text(&[&org.path()], &["--format", "json"]);
    assert_eq!(code, 0);
    let value: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("json: {e}"));
    for key in ["answers", "tools", "repositories", "warnings"] {
        assert!(value.get(key).is_some(), "{key}");
    }
    let tool = &value["tools"][0];
    for key in ["id", "category", "repositories", "connector"] {
        assert!(tool.get(key).is_some(), "tools[].{key}");
    }
    let answer = &value["answers"]["current.portal"];
    assert!(answer["value"].is_string() && answer["evidence"].is_array());
}

#[test]
fn the_report_reads_back_as_a_typed_value() {
    let org = acme();
    let (_, stdout, _) = scan_text(&[&org.path()], &["--format", "json"]);
    let report = ScanReport::from_json(&stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.repositories, 5);
    assert_eq!(
        report.answers["current.custom_plugins"].value,
        AnswerValue::Integer(2)
    );
    assert_eq!(render_scan::json(&report), stdout);
}

#[test]
fn the_toml_output_is_a_partial_answers_file_that_scores() {
    let org = acme();
    let file = org.scratch().join("scan.toml");
    let (code, _, _) = scan_text(&[&org.path()], &["--output", &file.display().to_string()]);
    assert_eq!(code, 0);
    let text = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        text.contains("\nquestionnaire = \"idp-portal/1\"\n"),
        "{text}"
    );
    assert!(
        text.contains("# portal/backstage.json: Backstage app, version 1.30.0\n# portal: backend on the new system, frontend on the old system\nportal = \"backstage\"\n"),
        "{text}"
    );
    assert!(text.contains("stack = \"mostly_standard\"\n"), "{text}");
    assert!(text.contains("months_invested = 18\n"), "{text}");

    idpfit()
        .args(["validate", "--partial"])
        .arg(&file)
        .assert()
        .code(0)
        .stdout(predicates::str::contains("valid"));
    let scored = idpfit()
        .args(["score", "--partial", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        scored.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&scored.stderr)
    );
    let result: serde_json::Value =
        serde_json::from_slice(&scored.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(result["questionnaire"], "idp-portal/1");
    // A stale catalog is a readiness finding the engine acts on.
    assert!(result["recommendation"].is_string());
}

#[test]
fn an_answers_file_with_nothing_measured_still_validates() {
    let org = Org::new();
    org.repo("empty").file("README", "x").commit("2024-01-01");
    let file = org.scratch().join("nothing.toml");
    let (code, _, _) = scan_text(&[&org.path()], &["--output", &file.display().to_string()]);
    assert_eq!(code, 0);
    let text = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        text.contains("# Not measured (answer these yourself):\n#   current.custom_plugins:"),
        "{text}"
    );
    idpfit()
        .args(["validate", "--partial"])
        .arg(&file)
        .assert()
        .code(0);
}

#[test]
fn the_same_repositories_give_byte_identical_output() {
    let org = acme();
    for format in ["json", "toml", "table"] {
        let (_, first, _) = scan_text(&[&org.path()], &["--format", format]);
        let (_, second, _) = scan_text(&[&org.path()], &["--format", format]);
        assert_eq!(first, second, "{format}");
    }
}

#[test]
fn no_file_contents_reach_any_output() {
    let org = acme();
    for format in ["json", "toml", "table"] {
        let (_, stdout, stderr) = scan_text(&[&org.path()], &["--format", format]);
        assert!(
            !stdout.contains(SECRET) && !stderr.contains(SECRET),
            "{format}"
        );
    }
}

#[test]
fn redaction_hides_every_name_and_is_stable() {
    let org = acme();
    let names = [
        "portal",
        "payments",
        "billing",
        "infra",
        "web",
        "shipit",
        "deploy-prod",
        "costs",
        "@acme",
        "Deploy to production",
        "argocd-app",
        "settings.kts",
    ];
    let mut outputs = Vec::new();
    for format in ["json", "toml", "table"] {
        let (code, stdout, stderr) = scan_text(&[&org.path()], &["--format", format, "--redact"]);
        assert_eq!(code, 0, "{stderr}");
        let shown_names = stdout.replace("idp-portal/1", "");
        for name in names {
            // Tool ids and wording may contain common words; names only appear after a space,
            // a slash or a quote when they come from the repositories.
            for shown in [
                format!("/{name}"),
                format!(" {name}/"),
                format!("`{name}`"),
                format!("\"{name}\""),
                format!("{name}/"),
            ] {
                assert!(
                    !shown_names.contains(&shown),
                    "{format} shows {shown}:\n{stdout}"
                );
            }
        }
        outputs.push(stdout);
    }
    let report: serde_json::Value =
        serde_json::from_str(&outputs[0]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["answers"]["current.portal"]["value"], "backstage");
    assert!(
        report["redaction"]
            .as_str()
            .is_some_and(|r| r.contains("SHA-256"))
    );
    let portal = report["answers"]["current.portal"]["evidence"][0]
        .as_str()
        .unwrap_or_default();
    // The repository is hidden; the file name every Backstage app has stays readable.
    assert!(
        portal.starts_with("repo-") && portal.contains("/backstage.json: Backstage app"),
        "{portal}"
    );
    let (_, again, _) = scan_text(&[&org.path()], &["--format", "json", "--redact"]);
    assert_eq!(outputs[0], again);
}

#[test]
fn output_is_written_atomically_and_never_replaced_without_force() {
    let org = acme();
    let file = org.scratch().join("evidence.json");
    let path = file.display().to_string();
    let (code, stdout, _) = scan_text(&[&org.path()], &["--output", &path]);
    assert_eq!((code, stdout.as_str()), (0, ""));
    let first = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        first.starts_with("{\n  \"answers\""),
        "the .json name picks JSON"
    );

    fs::write(&file, "keep me").unwrap_or_else(|e| panic!("{e}"));
    let (code, _, stderr) = scan_text(&[&org.path()], &["--output", &path]);
    assert_eq!(code, 2);
    assert!(stderr.contains("evidence.json: already exists"), "{stderr}");
    assert!(stderr.contains("pass --force"), "{stderr}");
    assert_eq!(fs::read_to_string(&file).unwrap_or_default(), "keep me");

    let (code, _, _) = scan_text(&[&org.path()], &["--output", &path, "--force"]);
    assert_eq!(code, 0);
    assert_eq!(fs::read_to_string(&file).unwrap_or_default(), first);
}

#[test]
fn warnings_are_announced_on_stderr_for_machine_formats() {
    let org = Org::new();
    org.repo("a")
        .file("catalog-info.yaml", "kind: [")
        .commit("2024-01-01");
    let (code, _, stderr) = scan_text(&[&org.path()], &["--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(stderr, "idpfit scan: 1 warning, listed in the output\n");
}

#[test]
fn detectors_from_a_folder_change_the_answer_without_recompiling() {
    let org = acme();
    let dir = org.scratch().join("detectors");
    fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let builtin = fs::read_to_string("detectors/coverage.toml").unwrap_or_else(|e| panic!("{e}"));
    let edited = builtin.replace(
        "tool = \"teamcity\"\nbackstage = \"none\"",
        "tool = \"teamcity\"\nbackstage = \"ready\"",
    );
    assert_ne!(edited, builtin);
    fs::write(dir.join("coverage.toml"), edited).unwrap_or_else(|e| panic!("{e}"));
    let dir_arg = dir.display().to_string();
    let report = scan_json(&[&org.path()], &["--detectors", &dir_arg]);
    assert_eq!(
        report["answers"]["integrations.uncovered_integrations"]["value"],
        1
    );
    assert_eq!(
        report["answers"]["integrations.stack"]["value"],
        "mostly_standard"
    );

    fs::write(dir.join("catalog.toml"), "files = [\"**/catalog-info.yaml\"]\nowner_kinds = []\nstale_after_months = 0\nstale_share = 0.5\nnote = \"\"\n")
        .unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.join("tools.toml"), "[[tools]]\nid = \"x\"\nname = \"X\"\ncategory = \"ci\"\n[[tools.rules]]\nfiles = [\"[\"]\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let (code, stdout, stderr) = scan_text(&[&org.path()], &["--detectors", &dir_arg]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(stderr.contains("tools.toml:6:10"), "{stderr}");
    assert!(stderr.contains("not a valid glob"), "{stderr}");
    assert!(stderr.contains("catalog.toml:3:22"), "{stderr}");
    assert!(
        stderr.contains("`stale_after_months` must be at least 1"),
        "{stderr}"
    );
}

#[test]
fn table_output_snapshot() {
    let org = acme();
    let (code, stdout, _) = scan_text(&[&org.path()], &[]);
    assert_eq!(code, 0);
    with_plain_names(|| insta::assert_snapshot!("scan-acme-table", stdout));
}

#[test]
fn toml_output_snapshot() {
    let org = acme();
    let (code, stdout, _) = scan_text(&[&org.path()], &["--format", "toml"]);
    assert_eq!(code, 0);
    with_plain_names(|| insta::assert_snapshot!("scan-acme-toml", stdout));
}

#[test]
fn help_lists_only_the_flags_scan_reads() {
    let help = crate::support::run(&["scan", "--help"]);
    help.assert_success();
    assert!(help.stdout.contains("--detectors <DIR>"), "{}", help.stdout);
    for flag in ["--questionnaire", "--weights", "--preset"] {
        assert!(!help.stdout.contains(flag), "{flag}\n{}", help.stdout);
    }
    // The commands that read the data files still list them.
    let score = crate::support::run(&["score", "--help"]);
    assert!(
        score.stdout.contains("--weights <PATH>"),
        "{}",
        score.stdout
    );
}
