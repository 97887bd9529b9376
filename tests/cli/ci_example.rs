//! The example GitHub Actions workflow runs the commands it shows: every `idpfit` line in it is
//! parsed by the real command line, the scoring and diff steps are run as the workflow runs
//! them, with the workflow's own variables, and so is the check of where idpfit is installed
//! from; the install itself is checked to build this package from git with `--locked`.

use std::collections::BTreeMap;

use clap::Parser;

use crate::library::Cli;
use crate::support::{Execute, Run, fixture, idpfit, repo_path};

const WORKFLOW: &str = include_str!("../../examples/ci/idpfit.yml");

/// The workflow's top-level `env:` variables.
fn workflow_env() -> BTreeMap<String, String> {
    let mut vars = BTreeMap::new();
    let mut inside = false;
    for line in WORKFLOW.lines() {
        if line == "env:" {
            inside = true;
            continue;
        }
        if inside && !line.starts_with(' ') && !line.is_empty() {
            break;
        }
        let trimmed = line.trim();
        if inside && !trimmed.starts_with('#') {
            if let Some((key, value)) = trimmed.split_once(": ") {
                vars.insert(key.to_string(), value.to_string());
            }
        }
    }
    vars
}

/// Each `idpfit ...` command line in the workflow, as written.
fn commands() -> Vec<String> {
    WORKFLOW
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with("idpfit "))
        .map(str::to_string)
        .collect()
}

/// A command line as the shell would pass it: variables replaced, quotes removed, and cut at
/// the output redirection.
fn words(line: &str, vars: &BTreeMap<String, String>) -> Vec<String> {
    let mut text = line.to_string();
    // Longest names first, so $ANSWERS is not read as $ANSWER + S.
    let mut names: Vec<&String> = vars.keys().collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for name in names {
        text = text.replace(&format!("${name}"), &vars[name]);
    }
    text.split_whitespace()
        .take_while(|w| *w != ">>")
        .map(|w| w.trim_matches('"').to_string())
        .collect()
}

/// The shell script of the step called `name`: the lines of its `run: |` block.
fn step_script(name: &str) -> String {
    let mut lines = WORKFLOW
        .lines()
        .skip_while(|line| line.trim() != format!("- name: {name}"))
        .skip_while(|line| !line.trim().starts_with("run:"));
    let first = lines.next().unwrap_or_else(|| panic!("no step {name:?}"));
    if let Some(inline) = first.trim().strip_prefix("run:").map(str::trim)
        && inline != "|"
    {
        return inline.to_string();
    }
    lines
        .take_while(|line| line.starts_with("          ") || line.trim().is_empty())
        .map(|line| format!("{}\n", line.trim()))
        .collect()
}

/// Runs a step's script with bash and the workflow's variables, plus `vars`.
fn run_step(name: &str, vars: &BTreeMap<String, String>) -> std::process::Output {
    std::process::Command::new("bash")
        .arg("-c")
        .arg(step_script(name))
        .envs(vars)
        .output()
        .expect("bash runs")
}

#[test]
fn by_default_the_workflow_installs_this_package_from_git_with_its_lock_file() {
    let vars = workflow_env();
    let install = step_script("Install idpfit");
    assert_eq!(install, "cargo install $IDPFIT_INSTALL");
    let args = words(&install, &vars);
    assert_eq!(&args[..2], ["cargo", "install"]);
    let git = args.iter().position(|a| a == "--git").expect("--git");
    assert!(args[git + 1].starts_with("https://"), "{args:?}");
    assert!(args.contains(&"--locked".to_string()), "{args:?}");
    assert_eq!(
        args.last().map(String::as_str),
        Some(env!("CARGO_PKG_NAME"))
    );
    assert!(!args.contains(&"--path".to_string()), "{args:?}");
    // The cache is keyed on what is installed, so changing the variable installs afresh.
    assert!(WORKFLOW.contains("key: idpfit-${{ runner.os }}-${{ env.IDPFIT_INSTALL }}"));
}

#[test]
fn the_workflow_refuses_to_install_until_the_repository_is_set() {
    let mut vars = workflow_env();
    let unset = run_step("Check where idpfit is installed from", &vars);
    assert_eq!(unset.status.code(), Some(2));
    let said = String::from_utf8_lossy(&unset.stderr);
    assert!(said.contains("Set IDPFIT_INSTALL"), "{said}");
    vars.insert(
        "IDPFIT_INSTALL".to_string(),
        "--git https://git.example.org/platform/idpfit --locked idpfit".to_string(),
    );
    let set = run_step("Check where idpfit is installed from", &vars);
    assert_eq!(set.status.code(), Some(0), "{set:?}");
}

#[test]
fn the_workflow_sets_what_its_commands_use() {
    let vars = workflow_env();
    for name in ["ANSWERS", "EXPECT", "PRESET", "IDPFIT_INSTALL"] {
        assert!(vars.contains_key(name), "{name} missing from env");
    }
    assert_eq!(commands().len(), 2, "{:?}", commands());
}

#[test]
fn every_command_in_the_workflow_parses() {
    let mut vars = workflow_env();
    vars.insert("RUNNER_TEMP".to_string(), "/tmp".to_string());
    for line in commands() {
        let args = words(&line, &vars);
        if let Err(error) = Cli::try_parse_from(&args) {
            panic!("{line}\n{error}");
        }
    }
}

fn run(line: &str, vars: &BTreeMap<String, String>) -> Run {
    let args = words(line, vars);
    idpfit().args(&args[1..]).run()
}

#[test]
fn the_scoring_step_passes_on_the_agreed_recommendation_and_fails_on_another() {
    let line = commands()
        .into_iter()
        .find(|l| l.contains(" score "))
        .expect("the workflow has a score step");
    let mut vars = workflow_env();
    vars.insert("ANSWERS".to_string(), "examples/port.toml".to_string());
    let output = run(&line, &vars);
    assert_eq!(
        output.code,
        Some(0),
        "EXPECT={}: {}",
        vars["EXPECT"],
        output.stderr
    );
    assert!(
        output.stdout.starts_with("## idpfit: Port"),
        "{}",
        output.stdout
    );
    vars.insert("ANSWERS".to_string(), "examples/backstage.toml".to_string());
    let changed = run(&line, &vars);
    assert_eq!(changed.code, Some(1));
    assert!(
        changed
            .stderr
            .contains("expected port, but the recommendation is backstage"),
        "{}",
        changed.stderr
    );
    assert!(changed.stdout.starts_with("## idpfit: Backstage"));
}

#[test]
fn the_pull_request_step_explains_a_flip() {
    let line = commands()
        .into_iter()
        .find(|l| l.contains(" diff "))
        .expect("the workflow has a diff step");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo_path(&fixture("diff/q1.toml")),
        dir.path().join("base-answers.toml"),
    )
    .unwrap();
    let mut vars = workflow_env();
    vars.insert("ANSWERS".to_string(), fixture("diff/q2.toml"));
    vars.insert("RUNNER_TEMP".to_string(), dir.path().display().to_string());
    let output = run(&line, &vars);
    output.assert_success();
    let text = &output.stdout;
    assert!(text.starts_with("## idpfit diff: Port → Not yet"), "{text}");
    assert!(
        text.contains("The recommendation changed because of `platform.catalog_data` alone."),
        "{text}"
    );
}
