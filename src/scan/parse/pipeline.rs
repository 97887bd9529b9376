//! CI pipeline files, read for their jobs: what each is called, which environment it deploys
//! to, whether it starts on its own or waits for a person, and which commands it runs.
//!
//! Four systems: GitHub Actions workflows, GitLab CI (`.gitlab-ci.yml`, with `extends` resolved
//! within the file), Jenkins pipelines (Groovy, read by pattern) and Bitbucket Pipelines. Files a
//! pipeline includes from elsewhere are not followed. Which jobs deploy to production is decided
//! by the caller with the detectors' rules; this module only reports what the file says.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::shell::command_names;
use super::{ParseError, shown_name, text_field, yaml_documents};

/// One job (a GitHub job, a GitLab job, a Jenkins stage, a Bitbucket step).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Job {
    /// The job's id and name, as the file spells them.
    pub name: String,
    /// Further names that say what the job is for: the workflow's name and file, the stage.
    pub context: String,
    /// The environment the job deploys to, when the file names one.
    pub environment: Option<String>,
    pub start: Start,
    /// Commands the job's scripts run.
    pub commands: BTreeSet<String>,
}

/// How a job starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Start {
    /// On its own: a push, a merge, a schedule, another pipeline.
    Automatic,
    /// Only when a person starts or approves it; the text says what in the file shows that.
    Manual(String),
    /// On its own, unless an approval rule kept outside the repository holds it; the text says
    /// which rule could.
    Unseen(String),
}

/// The jobs of a GitHub Actions workflow.
pub fn github_workflow(
    text: &str,
    file_stem: &str,
    wrappers: &BTreeSet<String>,
) -> Result<Vec<Job>, ParseError> {
    let documents = yaml_documents(text)?;
    let Some(workflow) = documents.first() else {
        return Ok(Vec::new());
    };
    let events = triggers(workflow.get("on").or_else(|| workflow.get("true")));
    // A reusable workflow runs when its caller does; the caller's job is counted instead.
    let reusable = events.contains("workflow_call")
        && events
            .iter()
            .all(|t| t == "workflow_call" || t == "workflow_dispatch");
    if reusable {
        return Ok(Vec::new());
    }
    let by_hand_only = !events.is_empty() && events.iter().all(|t| t == "workflow_dispatch");
    let workflow_name = text_field(workflow, "name").unwrap_or_default();
    let context = shown_name(&format!("{workflow_name} {file_stem}"));
    let Some(jobs) = workflow.get("jobs").and_then(Value::as_object) else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    for (id, job) in jobs {
        let name = match text_field(job, "name") {
            Some(name) => format!("{id} {name}"),
            None => id.clone(),
        };
        let environment = environment_name(job.get("environment"));
        let mut commands = BTreeSet::new();
        for step in job
            .get("steps")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(run) = text_field(step, "run") {
                commands.extend(command_names(run, wrappers));
            }
        }
        let start = if by_hand_only {
            Start::Manual("the workflow runs only when started by hand (workflow_dispatch)".into())
        } else if let Some(environment) = &environment {
            Start::Unseen(format!(
                "GitHub environment `{environment}`: its required reviewers, if any, are set in the repository's settings"
            ))
        } else {
            Start::Automatic
        };
        found.push(Job {
            name: shown_name(&name),
            context: context.clone(),
            environment,
            start,
            commands,
        });
    }
    Ok(found)
}

/// The events of a workflow's `on:`, which may be a string, a list or a mapping.
fn triggers(on: Option<&Value>) -> BTreeSet<String> {
    match on {
        Some(Value::String(event)) => [event.clone()].into(),
        Some(Value::Array(events)) => events
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        Some(Value::Object(events)) => events.keys().cloned().collect(),
        _ => BTreeSet::new(),
    }
}

/// `environment: production` or `environment: {name: production}`.
fn environment_name(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(name) => Some(shown_name(name)),
        Value::Object(map) => map.get("name").and_then(Value::as_str).map(shown_name),
        _ => None,
    }
}

/// Top-level keys of `.gitlab-ci.yml` that are settings, not jobs.
const GITLAB_RESERVED: [&str; 12] = [
    "default",
    "include",
    "stages",
    "variables",
    "workflow",
    "image",
    "services",
    "cache",
    "before_script",
    "after_script",
    "types",
    "spec",
];

/// How deep `extends` chains are followed; GitLab itself stops at eleven levels.
const MAX_EXTENDS_DEPTH: usize = 11;

/// The jobs of a `.gitlab-ci.yml`.
pub fn gitlab_ci(text: &str, wrappers: &BTreeSet<String>) -> Result<Vec<Job>, ParseError> {
    let documents = yaml_documents(text)?;
    // A file with a `spec:` header keeps its jobs in the second document.
    let Some(root) = documents.iter().rev().find_map(Value::as_object) else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    for (name, value) in root {
        if name.starts_with('.') || GITLAB_RESERVED.contains(&name.as_str()) || !value.is_object() {
            continue;
        }
        let job = resolve_extends(root, name, 0);
        if job.contains_key("trigger") {
            continue; // starts a downstream pipeline, which is counted where it is defined
        }
        let manual_rule = job
            .get("rules")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .any(|rule| text_field(rule, "when") == Some("manual"));
        let start = if job.get("when").and_then(Value::as_str) == Some("manual") {
            Start::Manual("when: manual".into())
        } else if manual_rule {
            Start::Manual("a rule with when: manual".into())
        } else {
            Start::Automatic
        };
        let mut commands = BTreeSet::new();
        for key in ["before_script", "script", "after_script"] {
            for line in script_lines(job.get(key)) {
                commands.extend(command_names(line, wrappers));
            }
        }
        let stage = job.get("stage").and_then(Value::as_str).unwrap_or_default();
        found.push(Job {
            name: shown_name(name),
            context: shown_name(stage),
            environment: environment_name(job.get("environment")),
            start,
            commands,
        });
    }
    Ok(found)
}

/// A job's keys with those of the jobs and templates it `extends`, its own keys winning.
fn resolve_extends(root: &Map<String, Value>, name: &str, depth: usize) -> Map<String, Value> {
    let Some(own) = root.get(name).and_then(Value::as_object) else {
        return Map::new();
    };
    let mut merged = Map::new();
    if depth < MAX_EXTENDS_DEPTH {
        let parents: Vec<&str> = match own.get("extends") {
            Some(Value::String(parent)) => vec![parent.as_str()],
            Some(Value::Array(parents)) => parents.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        for parent in parents {
            merged.extend(resolve_extends(root, parent, depth + 1));
        }
    }
    merged.extend(own.clone());
    merged
}

/// A script given as one string or a list of strings (nested lists from `!reference` flattened).
fn script_lines(value: Option<&Value>) -> Vec<&str> {
    match value {
        Some(Value::String(line)) => vec![line.as_str()],
        Some(Value::Array(items)) => items
            .iter()
            .flat_map(|item| match item {
                Value::Array(inner) => inner.iter().filter_map(Value::as_str).collect(),
                other => other.as_str().into_iter().collect::<Vec<_>>(),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The leaf stages of a Jenkins pipeline (`stage('name') { ... }` blocks that hold no other
/// stage), read by pattern: Groovy is not parsed. A stage is manual when its block has an
/// `input` step or directive.
pub fn jenkinsfile(text: &str, wrappers: &BTreeSet<String>) -> Vec<Job> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some((name, block, after)) = next_stage(rest) {
        rest = after;
        if next_stage(block).is_some() {
            // A stage holding stages: its leaves are found as the scan goes on inside it.
            rest = &text[text.len() - after.len() - block.len() - 1..];
            continue;
        }
        let start = if has_input_step(block) {
            Start::Manual("an input step".into())
        } else {
            Start::Automatic
        };
        let mut commands = BTreeSet::new();
        for script in sh_scripts(block) {
            commands.extend(command_names(script, wrappers));
        }
        found.push(Job {
            name: shown_name(name),
            context: String::new(),
            environment: None,
            start,
            commands,
        });
    }
    found
}

/// The next `stage('name') {` in `text`: its name, the text inside its braces, and the text
/// after the closing brace. `None` when there is none, or its block never closes.
fn next_stage(text: &str) -> Option<(&str, &str, &str)> {
    let mut from = 0;
    while let Some(found) = text[from..].find("stage") {
        let start = from + found;
        from = start + "stage".len();
        let before_ok = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_ascii_alphanumeric() && c != '_');
        if !before_ok {
            continue;
        }
        let after = text[from..].trim_start();
        let Some(after) = after.strip_prefix('(') else {
            continue;
        };
        let after = after.trim_start();
        let Some(quote) = after.chars().next().filter(|c| *c == '\'' || *c == '"') else {
            continue;
        };
        let Some(end) = after[1..].find(quote) else {
            continue;
        };
        let name = &after[1..1 + end];
        let after = after[1 + end + 1..].trim_start();
        let Some(after) = after.strip_prefix(')') else {
            continue;
        };
        let after = after.trim_start();
        let Some(body) = after.strip_prefix('{') else {
            continue;
        };
        let close = matching_brace(body)?;
        return Some((name, &body[..close], &body[close + 1..]));
    }
    None
}

/// Offset of the `}` closing a block whose `{` came just before `body`, skipping strings and
/// comments.
fn matching_brace(body: &str) -> Option<usize> {
    let bytes = body.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => {
                if depth == 0 {
                    return Some(i);
                }
                depth -= 1;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i += body[i..].find('\n').unwrap_or(body.len() - i);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += body[i + 2..]
                    .find("*/")
                    .map_or(body.len() - i, |end| end + 3);
            }
            quote @ (b'\'' | b'"') => {
                let triple = [quote; 3];
                let delimiter: &[u8] = if bytes[i..].starts_with(&triple) {
                    &triple
                } else {
                    &triple[..1]
                };
                let open = i + delimiter.len();
                i = find_closing_quote(bytes, open, delimiter).unwrap_or(bytes.len());
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Index of the last byte of the closing delimiter, honouring backslash escapes.
fn find_closing_quote(bytes: &[u8], from: usize, delimiter: &[u8]) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i..].starts_with(delimiter) {
            return Some(i + delimiter.len() - 1);
        }
        i += 1;
    }
    None
}

fn has_input_step(block: &str) -> bool {
    let mut from = 0;
    while let Some(found) = block[from..].find("input") {
        let start = from + found;
        from = start + "input".len();
        let before_ok = block[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_ascii_alphanumeric() && c != '_' && c != '.');
        let after = block[from..].trim_start();
        let after_ok = after.starts_with(['(', '{', '\'', '"'])
            || ["message", "id", "ok", "submitter", "parameters"]
                .iter()
                .any(|word| after.starts_with(word));
        if before_ok && after_ok {
            return true;
        }
    }
    false
}

/// The scripts of `sh '...'`, `sh "..."`, `sh '''...'''` and `sh(script: '...')` steps.
fn sh_scripts(block: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut from = 0;
    while let Some(found) = block[from..].find("sh") {
        let start = from + found;
        from = start + 2;
        let before_ok = block[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_ascii_alphanumeric() && c != '_');
        if !before_ok {
            continue;
        }
        let mut after = block[from..].trim_start();
        if let Some(rest) = after.strip_prefix('(') {
            after = rest.trim_start();
            if let Some(rest) = after.strip_prefix("script") {
                after = rest.trim_start().trim_start_matches(':').trim_start();
            }
        }
        let Some(quote) = after.chars().next().filter(|c| *c == '\'' || *c == '"') else {
            continue;
        };
        let triple: String = std::iter::repeat_n(quote, 3).collect();
        let delimiter = if after.starts_with(&triple) {
            triple.as_str()
        } else {
            &triple[..1]
        };
        let body = &after[delimiter.len()..];
        if let Some(end) = body.find(delimiter) {
            scripts.push(&body[..end]);
        }
    }
    scripts
}

/// The steps of `bitbucket-pipelines.yml`. Steps of `custom:` pipelines only run when started
/// by hand; other steps wait when they say `trigger: manual`.
pub fn bitbucket_pipelines(
    text: &str,
    wrappers: &BTreeSet<String>,
) -> Result<Vec<Job>, ParseError> {
    let documents = yaml_documents(text)?;
    let Some(pipelines) = documents.first().and_then(|d| d.get("pipelines")) else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    let Some(sections) = pipelines.as_object() else {
        return Ok(found);
    };
    for (section, content) in sections {
        let by_hand = section == "custom";
        let lists: Vec<&Value> = match content {
            Value::Array(_) => vec![content],
            Value::Object(named) => named.values().collect(),
            _ => Vec::new(),
        };
        for list in lists {
            collect_bitbucket_steps(list, by_hand, None, wrappers, &mut found, 0);
        }
    }
    Ok(found)
}

fn collect_bitbucket_steps(
    items: &Value,
    by_hand: bool,
    inherited: Option<&BTreeMap<&str, &Value>>,
    wrappers: &BTreeSet<String>,
    found: &mut Vec<Job>,
    depth: usize,
) {
    if depth > 8 {
        return;
    }
    let items: Vec<&Value> = match items {
        Value::Array(items) => items.iter().collect(),
        Value::Object(map) => map.get("steps").into_iter().collect(),
        _ => return,
    };
    for item in items {
        if let Some(step) = item.get("step") {
            found.push(bitbucket_job(step, by_hand, inherited, wrappers));
        } else if let Some(parallel) = item.get("parallel") {
            collect_bitbucket_steps(parallel, by_hand, inherited, wrappers, found, depth + 1);
        } else if let Some(stage) = item.get("stage").and_then(Value::as_object) {
            let shared: BTreeMap<&str, &Value> = ["deployment", "trigger", "name"]
                .into_iter()
                .filter_map(|key| stage.get(key).map(|value| (key, value)))
                .collect();
            if let Some(steps) = stage.get("steps") {
                collect_bitbucket_steps(steps, by_hand, Some(&shared), wrappers, found, depth + 1);
            }
        } else if item.is_array() {
            collect_bitbucket_steps(item, by_hand, inherited, wrappers, found, depth + 1);
        }
    }
}

fn bitbucket_job(
    step: &Value,
    by_hand: bool,
    inherited: Option<&BTreeMap<&str, &Value>>,
    wrappers: &BTreeSet<String>,
) -> Job {
    let field = |key: &str| {
        step.get(key)
            .or_else(|| inherited.and_then(|stage| stage.get(key).copied()))
            .and_then(Value::as_str)
    };
    let start = if by_hand {
        Start::Manual("a custom pipeline, which runs only when started by hand".into())
    } else if field("trigger") == Some("manual") {
        Start::Manual("trigger: manual".into())
    } else {
        Start::Automatic
    };
    let mut commands = BTreeSet::new();
    for line in script_lines(step.get("script")) {
        commands.extend(command_names(line, wrappers));
    }
    Job {
        name: shown_name(field("name").unwrap_or("step")),
        context: String::new(),
        environment: field("deployment").map(shown_name),
        start,
        commands,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrappers() -> BTreeSet<String> {
        ["sudo".to_string()].into()
    }

    fn ok<T>(result: Result<T, ParseError>) -> T {
        result.unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_dispatch_only_workflow_is_manual() {
        let text = "name: Deploy\non:\n  workflow_dispatch:\njobs:\n  production:\n    runs-on: x\n    steps:\n      - run: kubectl apply -f k8s\n";
        let jobs = ok(github_workflow(text, "deploy", &wrappers()));
        assert_eq!(jobs.len(), 1);
        assert!(matches!(jobs[0].start, Start::Manual(_)));
        assert!(jobs[0].commands.contains("kubectl"));
        assert_eq!(jobs[0].context, "Deploy deploy");
    }

    #[test]
    fn an_environment_on_a_push_workflow_may_be_gated_outside_the_file() {
        let text = "on: [push, workflow_dispatch]\njobs:\n  deploy:\n    environment:\n      name: production\n    steps: []\n  test:\n    steps: []\n";
        let jobs = ok(github_workflow(text, "ci", &wrappers()));
        assert_eq!(jobs[0].environment.as_deref(), Some("production"));
        assert!(matches!(jobs[0].start, Start::Unseen(_)));
        assert_eq!(jobs[1].start, Start::Automatic);
    }

    #[test]
    fn reusable_workflows_are_counted_at_their_caller() {
        let text = "on:\n  workflow_call:\njobs:\n  deploy:\n    environment: production\n";
        assert!(ok(github_workflow(text, "reusable", &wrappers())).is_empty());
    }

    #[test]
    fn gitlab_manual_jobs_through_extends_and_rules() {
        let text = ".deploy:\n  when: manual\n  script:\n    - acme-ship --prod\ndeploy-prod:\n  extends: .deploy\n  environment: {name: production}\ndeploy-live:\n  rules:\n    - if: $CI_COMMIT_TAG\n      when: manual\n  environment: live\nbuild:\n  script: make\nstages: [build]\ndownstream:\n  trigger: other/project\n";
        let jobs = ok(gitlab_ci(text, &wrappers()));
        let names: Vec<&str> = jobs.iter().map(|j| j.name.as_str()).collect();
        assert_eq!(names, ["build", "deploy-live", "deploy-prod"]);
        assert_eq!(jobs[0].start, Start::Automatic);
        assert_eq!(
            jobs[1].start,
            Start::Manual("a rule with when: manual".into())
        );
        assert_eq!(jobs[2].start, Start::Manual("when: manual".into()));
        assert!(jobs[2].commands.contains("acme-ship"));
        assert_eq!(jobs[2].environment.as_deref(), Some("production"));
    }

    #[test]
    fn gitlab_extends_cycles_end() {
        let text = "a:\n  extends: b\n  script: x\nb:\n  extends: a\n  when: manual\n";
        assert_eq!(ok(gitlab_ci(text, &wrappers())).len(), 2);
    }

    #[test]
    fn jenkins_leaf_stages_with_and_without_input() {
        let text = r#"
pipeline {
  stages {
    stage('Build') { steps { sh 'make' } }
    stage("Deploy") {
      stages {
        stage('Deploy to staging') { steps { sh "helm upgrade app ./chart" } }
        stage('Deploy to production') {
          input { message "Ship it? } {" }
          steps { sh '''
            acme-deploy --prod
          ''' }
        }
      }
    }
  }
}
"#;
        let jobs = jenkinsfile(text, &wrappers());
        let names: Vec<&str> = jobs.iter().map(|j| j.name.as_str()).collect();
        assert_eq!(
            names,
            ["Build", "Deploy to staging", "Deploy to production"]
        );
        assert_eq!(jobs[1].start, Start::Automatic);
        assert!(matches!(jobs[2].start, Start::Manual(_)));
        assert!(jobs[2].commands.contains("acme-deploy"));
        assert!(jobs[0].commands.contains("make"));
    }

    #[test]
    fn bitbucket_manual_triggers_and_custom_pipelines() {
        let text = "pipelines:\n  branches:\n    main:\n      - step:\n          name: Deploy to production\n          deployment: production\n          trigger: manual\n          script:\n            - pipe-deploy\n      - step:\n          name: Deploy to staging\n          deployment: staging\n  custom:\n    hotfix:\n      - step:\n          deployment: production\n";
        let jobs = ok(bitbucket_pipelines(text, &wrappers()));
        assert_eq!(jobs.len(), 3);
        assert_eq!(jobs[0].start, Start::Manual("trigger: manual".into()));
        assert_eq!(jobs[1].start, Start::Automatic);
        assert!(matches!(jobs[2].start, Start::Manual(_)));
    }
}
