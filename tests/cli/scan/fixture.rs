//! Fixture organisations: real git repositories, built in a temporary folder by the tests with
//! the `git` binary and dated commits (GIT_AUTHOR_DATE / GIT_COMMITTER_DATE), so history-based
//! answers have known values.
//!
//! To add a case: build the smallest organisation that shows the behaviour with [`Org`] and
//! [`Repo`] (files, then a dated commit), run `idpfit scan` on it with [`scan_json`] or
//! [`idpfit`], and assert what a user would see. [`acme`] is the shared organisation whose every
//! measured answer is checked in `answers.rs`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

pub use crate::support::idpfit;

/// A folder of repositories, removed when dropped.
pub struct Org {
    dir: tempfile::TempDir,
}

impl Org {
    pub fn new() -> Org {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temporary folder: {e}"));
        fs::create_dir_all(dir.path().join("org")).unwrap_or_else(|e| panic!("mkdir: {e}"));
        fs::create_dir_all(dir.path().join("home")).unwrap_or_else(|e| panic!("mkdir: {e}"));
        Org { dir }
    }

    /// The folder holding the repositories (what a user passes to `idpfit scan`).
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("org")
    }

    /// A scratch folder next to the organisation, for output files.
    pub fn scratch(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    /// A new git repository `name` in the organisation.
    pub fn repo(&self, name: &str) -> Repo {
        let repo = Repo {
            path: self.path().join(name),
            home: self.dir.path().join("home"),
        };
        fs::create_dir_all(&repo.path).unwrap_or_else(|e| panic!("mkdir {name}: {e}"));
        repo.git(&["init", "-q", "-b", "main"], None);
        repo
    }

    /// A plain folder (no git) in the organisation.
    pub fn folder(&self, name: &str) -> Repo {
        let folder = Repo {
            path: self.path().join(name),
            home: self.dir.path().join("home"),
        };
        fs::create_dir_all(&folder.path).unwrap_or_else(|e| panic!("mkdir {name}: {e}"));
        folder
    }
}

/// One repository (or plain folder) of a fixture organisation.
pub struct Repo {
    pub path: PathBuf,
    home: PathBuf,
}

impl Repo {
    /// Writes `text` to `relative`, creating folders.
    pub fn file(&self, relative: &str, text: &str) -> &Repo {
        self.bytes(relative, text.as_bytes())
    }

    pub fn bytes(&self, relative: &str, bytes: &[u8]) -> &Repo {
        let path = self.path.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap_or_else(|e| panic!("mkdir for {relative}: {e}"));
        }
        fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {relative}: {e}"));
        self
    }

    /// Commits everything on `date` (`YYYY-MM-DD`, noon UTC).
    pub fn commit(&self, date: &str) -> &Repo {
        self.git(&["add", "-A"], None);
        self.git(
            &[
                "commit",
                "-q",
                "--allow-empty",
                "-m",
                &format!("change of {date}"),
            ],
            Some(date),
        );
        self
    }

    /// Runs git in the repository with an isolated configuration.
    pub fn git(&self, args: &[&str], date: Option<&str>) {
        git_in(&self.path, &self.home, args, date);
    }
}

/// Runs git in `dir` with no user or system configuration and a fixed identity.
pub fn git_in(dir: &Path, home: &Path, args: &[&str], date: Option<&str>) {
    let mut command = Command::new("git");
    command
        .current_dir(dir)
        .args(["-c", "commit.gpgsign=false", "-c", "core.autocrlf=false"])
        .args(args)
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Fixture")
        .env("GIT_AUTHOR_EMAIL", "fixture@example.com")
        .env("GIT_COMMITTER_NAME", "Fixture")
        .env("GIT_COMMITTER_EMAIL", "fixture@example.com");
    if let Some(date) = date {
        let stamp = format!("{date}T12:00:00+00:00");
        command
            .env("GIT_AUTHOR_DATE", &stamp)
            .env("GIT_COMMITTER_DATE", &stamp);
    }
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("git {args:?}: {e}"));
    assert!(
        output.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// `idpfit scan --format json PATH... EXTRA...`, which must succeed; the parsed report.
pub fn scan_json(paths: &[&Path], extra: &[&str]) -> serde_json::Value {
    let output = idpfit()
        .arg("scan")
        .args(paths)
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("json: {e}"))
}

/// `idpfit scan PATH... ARGS...` as text: (exit code, stdout, stderr).
pub fn scan_text(paths: &[&Path], args: &[&str]) -> (i32, String, String) {
    let output = idpfit()
        .arg("scan")
        .args(paths)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The evidence lines of a measured answer, joined for `contains` checks.
pub fn evidence(report: &serde_json::Value, id: &str) -> String {
    let lines = report["answers"][id]["evidence"]
        .as_array()
        .unwrap_or_else(|| panic!("{id} was not measured: {}", report["not_measured"][id]));
    lines
        .iter()
        .filter_map(serde_json::Value::as_str)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A string that must never appear in any output: it stands for file contents.
pub const SECRET: &str = "s3cr3t-file-content";

/// The shared organisation "acme", five repositories with known answers:
///
/// - `portal`: a Backstage app (1.30.0, new backend, old frontend system) at the repository
///   root since 2023-01-10, newest commit 2024-07-20 (18 months), two local plugins and a
///   library, an installed plugin under node_modules that must not count, and a catalog file.
/// - `payments`: GitLab CI; `deploy-prod` waits (`when: manual`, through `extends`) and runs the
///   in-house `shipit`; `deploy-live` is automatic; its catalog file (one owned API, one
///   unowned Component) last changed 2023-02-01 while its code changed on 2024-03-01: stale.
/// - `billing`: Jenkins; "Deploy to production" waits on an `input` step and runs kubectl;
///   TeamCity settings (no connector anywhere); a fresh catalog file.
/// - `web`: GitHub Actions; `deploy-production` and `deploy-production-eu` run on push; a
///   catalog file with a Component and a Group.
/// - `infra`: Terraform with the AWS and Datadog providers, an Argo CD Application.
///
/// Expected: stack mostly_standard, 2 uncovered (teamcity, shipit), portal backstage, 2 custom
/// plugins, 18 months, catalog stale (2 of 6 judged entities stale or unowned), deploys
/// some_manual (2 of 5 production deploy jobs manual).
pub fn acme() -> Org {
    let org = Org::new();

    let portal = org.repo("portal");
    portal
        .file("backstage.json", r#"{"version": "1.30.0"}"#)
        .file(".gitignore", "node_modules/\n")
        .file("package.json", r#"{"name": "root", "private": true, "workspaces": {"packages": ["packages/*", "plugins/*"]}}"#)
        .file("packages/app/package.json", r#"{"name": "app", "backstage": {"role": "frontend"}, "dependencies": {"@backstage/app-defaults": "^1.5.0", "@backstage/core-app-api": "^1.14.0"}}"#)
        .file("packages/backend/package.json", r#"{"name": "backend", "backstage": {"role": "backend"}, "dependencies": {"@backstage/backend-defaults": "^0.4.0"}}"#)
        .commit("2023-01-10");
    portal
        .file(
            "plugins/costs/package.json",
            r#"{"name": "@acme/plugin-costs", "backstage": {"role": "frontend-plugin"}}"#,
        )
        .file(
            "plugins/costs-backend/package.json",
            r#"{"name": "@acme/plugin-costs-backend", "backstage": {"role": "backend-plugin"}}"#,
        )
        .file(
            "plugins/costs-common/package.json",
            r#"{"name": "@acme/plugin-costs-common", "backstage": {"role": "common-library"}}"#,
        )
        .commit("2023-06-01");
    portal
        .file("node_modules/@backstage/plugin-techdocs/package.json", r#"{"name": "@backstage/plugin-techdocs", "backstage": {"role": "frontend-plugin"}}"#)
        .file("catalog-info.yaml", &format!("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: portal\n  description: {SECRET}\nspec:\n  owner: platform\n---\nkind: System\nmetadata: {{name: developer-portal}}\nspec: {{owner: platform}}\n"))
        .commit("2024-07-20");

    let payments = org.repo("payments");
    payments
        .file(
            "catalog-info.yaml",
            "kind: Component\nmetadata: {name: payments}\nspec: {owner: payments-team}\n",
        )
        .file("src/main.go", "package main\n")
        .commit("2023-01-15");
    payments
        .file("catalog-info.yaml", "kind: Component\nmetadata: {name: payments}\nspec: {type: service}\n---\nkind: API\nmetadata: {name: payments-api}\nspec: {owner: payments-team}\n")
        .commit("2023-02-01");
    payments
        .file(".gitlab-ci.yml", &format!("stages: [build, deploy]\nvariables:\n  TOKEN: {SECRET}\n.manual-deploy:\n  when: manual\n  stage: deploy\nbuild:\n  stage: build\n  script:\n    - make build\ndeploy-prod:\n  extends: .manual-deploy\n  environment:\n    name: production\n  script:\n    - shipit --to production\ndeploy-live:\n  stage: deploy\n  environment: live\n  script:\n    - helm upgrade payments ./chart\ndeploy-staging:\n  stage: deploy\n  environment: staging\n  script:\n    - shipit --to staging\n"))
        .file("src/main.go", "package main\n\nfunc main() {}\n")
        .commit("2024-03-01");

    let billing = org.repo("billing");
    billing
        .file("Jenkinsfile", "pipeline {\n  agent any\n  stages {\n    stage('Build') { steps { sh 'make' } }\n    stage('Deploy to production') {\n      input { message 'Deploy?' }\n      steps { sh 'kubectl apply -f k8s/' }\n    }\n  }\n}\n")
        .file(".teamcity/settings.kts", "version = \"2024.03\"\n")
        .file("catalog-info.yaml", "kind: Component\nmetadata: {name: billing}\nspec: {owner: billing-team}\n")
        .commit("2024-01-01");

    let web = org.repo("web");
    web.file(".github/workflows/release.yml", "name: Release\non:\n  push:\n    branches: [main]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n  deploy-production:\n    needs: test\n    runs-on: ubuntu-latest\n    steps:\n      - run: helm upgrade web ./chart\n")
        .file(".github/workflows/eu.yml", "on: push\njobs:\n  deploy-production-eu:\n    runs-on: ubuntu-latest\n    steps:\n      - run: kubectl rollout restart deploy/web\n")
        .file("catalog-info.yaml", "kind: Component\nmetadata: {name: web}\nspec: {owner: web-team}\n---\nkind: Group\nmetadata: {name: web-team}\nspec: {type: team}\n")
        .commit("2024-05-01");

    let infra = org.repo("infra");
    infra
        .file("main.tf", "terraform {\n  required_providers {\n    aws = { source = \"hashicorp/aws\" }\n    datadog = { source = \"DataDog/datadog\" }\n  }\n}\nprovider \"aws\" {}\n")
        .file("deploy/argocd-app.yaml", "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\n")
        .commit("2024-02-01");
    org
}
