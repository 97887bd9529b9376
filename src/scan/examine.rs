//! What one file tells the scan: the pure step between reading a file and measuring answers.
//!
//! The walk hands over a file's path, its bytes and the reasons the detectors gave for reading
//! it; [`examine`] returns the facts the answers need and drops the text. Keeping this step pure
//! means the rules can be tested on small strings, and only facts, never contents, outlive the
//! read.

use std::collections::BTreeSet;

use super::detectors::{CiSystem, DeployRules, Detectors, Target};
use super::parse::catalog::{CatalogFile, catalog_file};
use super::parse::manifest::{BackstageJson, Package, backstage_json, package_json};
use super::parse::pipeline::{self, Job};

/// The facts one file contributed. `path` is relative to its repository, with `/` separators.
#[derive(Clone, Debug, Default)]
pub(crate) struct FileFacts {
    pub path: String,
    /// The same path as the repository stores it (bytes, `/`-separated), for git look-ups:
    /// `path` is made safe to print and may differ.
    pub git_path: Vec<u8>,
    /// Indices into the detectors' tools whose file rules this file satisfies.
    pub tools: BTreeSet<usize>,
    /// Indices into the detectors' portal signals this file satisfies.
    pub signals: BTreeSet<usize>,
    pub backstage: Option<BackstageJson>,
    pub package: Option<Package>,
    pub catalog: Option<CatalogFile>,
    pub pipeline: Option<Pipeline>,
    /// Why part of the file could not be read ("not valid YAML at line 3, column 1").
    pub problems: Vec<String>,
}

impl FileFacts {
    /// Whether the file told the scan anything worth keeping.
    pub fn is_empty(&self) -> bool {
        self.tools.is_empty()
            && self.signals.is_empty()
            && self.backstage.is_none()
            && self.package.is_none()
            && self.catalog.is_none()
            && self.pipeline.is_none()
            && self.problems.is_empty()
    }
}

/// A pipeline file's production deploy jobs, and every command any of its jobs runs.
#[derive(Clone, Debug)]
pub(crate) struct Pipeline {
    pub system: CiSystem,
    pub deploy_jobs: Vec<Job>,
    pub commands: BTreeSet<String>,
}

/// Reads what the detectors asked for from one file's bytes.
pub(crate) fn examine(
    path: &str,
    bytes: &[u8],
    targets: &[Target],
    detectors: &Detectors,
) -> FileFacts {
    let mut facts = FileFacts {
        path: path.to_string(),
        ..FileFacts::default()
    };
    let text = std::str::from_utf8(bytes).ok();
    let mut needs_text = false;
    for target in targets {
        match *target {
            Target::ToolRule { tool, rule } => {
                let patterns = detectors.tools[tool].rules[rule].as_ref();
                if patterns.is_none_or(|p| p.is_match(bytes)) {
                    facts.tools.insert(tool);
                }
            }
            Target::Signal(index) => {
                let patterns = detectors.signals[index].patterns.as_ref();
                if patterns.is_none_or(|p| p.is_match(bytes)) {
                    facts.signals.insert(index);
                }
            }
            Target::BackstageMarker => match text {
                Some(text) => match backstage_json(text) {
                    Ok(json) => facts.backstage = Some(json),
                    Err(error) => facts.problems.push(error.to_string()),
                },
                None => needs_text = true,
            },
            Target::Package => match text {
                Some(text) => match package_json(text) {
                    Ok(package) if is_relevant(&package, detectors) => {
                        facts.package = Some(package);
                    }
                    Ok(_) => {}
                    Err(error) => facts.problems.push(error.to_string()),
                },
                None => needs_text = true,
            },
            Target::Catalog => match text {
                Some(text) => match catalog_file(text) {
                    Ok(file) => facts.catalog = Some(file),
                    Err(error) => facts.problems.push(error.to_string()),
                },
                None => needs_text = true,
            },
            Target::Pipeline(system) => match text {
                Some(text) => match jobs(system, path, text, &detectors.deploys) {
                    Ok(jobs) => facts.pipeline = Some(classify(system, jobs, &detectors.deploys)),
                    Err(error) => facts.problems.push(error.to_string()),
                },
                None => needs_text = true,
            },
        }
    }
    if needs_text {
        facts.problems.push("not UTF-8 text".to_string());
    }
    facts.problems.dedup();
    facts
}

/// A package matters when it has a Backstage role or depends on a package that shows which
/// backend or frontend system an app uses; other package.json files are dropped at once.
fn is_relevant(package: &Package, detectors: &Detectors) -> bool {
    let rules = &detectors.backstage;
    package.role.is_some()
        || [
            &rules.new_backend,
            &rules.old_backend,
            &rules.new_frontend,
            &rules.old_frontend,
        ]
        .into_iter()
        .flatten()
        .any(|marker| package.dependencies.contains(marker))
}

fn jobs(
    system: CiSystem,
    path: &str,
    text: &str,
    rules: &DeployRules,
) -> Result<Vec<Job>, super::parse::ParseError> {
    let wrappers = &rules.wrappers;
    match system {
        CiSystem::GithubActions => {
            let stem = path.rsplit('/').next().unwrap_or(path);
            let stem = stem.split('.').next().unwrap_or(stem);
            pipeline::github_workflow(text, stem, wrappers)
        }
        CiSystem::GitlabCi => pipeline::gitlab_ci(text, wrappers),
        CiSystem::Jenkins => Ok(pipeline::jenkinsfile(text, wrappers)),
        CiSystem::BitbucketPipelines => pipeline::bitbucket_pipelines(text, wrappers),
    }
}

fn classify(system: CiSystem, jobs: Vec<Job>, rules: &DeployRules) -> Pipeline {
    let commands = jobs
        .iter()
        .flat_map(|j| j.commands.iter().cloned())
        .collect();
    let deploy_jobs = jobs
        .into_iter()
        .filter(|job| is_production_deploy(job, rules))
        .collect();
    Pipeline {
        system,
        deploy_jobs,
        commands,
    }
}

/// A job deploys to production when its environment is a production one, or when its own name
/// says deploy or production and its name with its context (workflow, file, stage) says both.
pub(crate) fn is_production_deploy(job: &Job, rules: &DeployRules) -> bool {
    if job
        .environment
        .as_deref()
        .is_some_and(|e| rules.production.is_match(e))
    {
        return true;
    }
    let full = format!("{} {}", job.context, job.name);
    (rules.production.is_match(&job.name) || rules.deploy.is_match(&job.name))
        && rules.production.is_match(&full)
        && rules.deploy.is_match(&full)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::parse::pipeline::Start;

    fn job(name: &str, context: &str, environment: Option<&str>) -> Job {
        Job {
            name: name.to_string(),
            context: context.to_string(),
            environment: environment.map(str::to_string),
            start: Start::Automatic,
            commands: BTreeSet::new(),
        }
    }

    #[test]
    fn production_deploy_jobs_by_environment_or_by_name() {
        let detectors = Detectors::builtin();
        let rules = &detectors.deploys;
        assert!(is_production_deploy(
            &job("ship", "", Some("production")),
            rules
        ));
        assert!(is_production_deploy(&job("deploy-prod", "", None), rules));
        assert!(is_production_deploy(
            &job("production", "Deploy deploy", None),
            rules
        ));
        assert!(!is_production_deploy(
            &job("build", "Deploy to production", None),
            rules
        ));
        assert!(!is_production_deploy(
            &job("deploy-staging", "deploy", Some("staging")),
            rules
        ));
        assert!(!is_production_deploy(
            &job("deploy products", "", None),
            rules
        ));
    }

    #[test]
    fn a_file_matches_a_tool_only_when_its_pattern_does() {
        let detectors = Detectors::builtin();
        let index = detectors
            .tools
            .iter()
            .position(|t| t.id == "argocd")
            .unwrap_or_else(|| panic!("argocd is a built-in tool"));
        let rule = detectors.tools[index]
            .rules
            .iter()
            .position(Option::is_some)
            .unwrap_or(0);
        let targets = [Target::ToolRule { tool: index, rule }];
        let app = "apiVersion: argoproj.io/v1alpha1\nkind: Application\n";
        let hit = examine("apps/app.yaml", app.as_bytes(), &targets, &detectors);
        assert!(hit.tools.contains(&index));
        let miss = examine(
            "apps/other.yaml",
            b"kind: ConfigMap\n",
            &targets,
            &detectors,
        );
        assert!(miss.tools.is_empty());
    }

    #[test]
    fn unreadable_text_is_a_problem_not_a_crash() {
        let detectors = Detectors::builtin();
        let facts = examine(
            "catalog-info.yaml",
            b"kind: \xff\xfe",
            &[Target::Catalog],
            &detectors,
        );
        assert_eq!(facts.problems, ["not UTF-8 text"]);
        let broken = examine(
            "catalog-info.yaml",
            b"kind: [",
            &[Target::Catalog],
            &detectors,
        );
        assert!(
            broken.problems[0].starts_with("not valid YAML"),
            "{:?}",
            broken.problems
        );
    }
}
