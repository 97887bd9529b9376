//! The scan's result: one value that every format renders, and that `--format json` writes
//! and [`ScanReport::from_json`] reads back (for comparing measured with self-reported answers).
//!
//! Field order is alphabetical in every struct, and maps are `BTreeMap`s, so the JSON has its
//! keys sorted at every level. SPEC §7's keys (`answers` with `value` and `evidence`, `tools`,
//! `repositories`, `warnings`) are stable; the other sections add the details behind them.
//! Nothing here holds file contents: only names, paths, counts and commit dates.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The questionnaire whose answer ids and values the scan produces.
pub const QUESTIONNAIRE: &str = "idp-portal/1";

/// The comment line that opens the TOML output's list of answers the scan looked for but did
/// not measure; each item follows on a line of its own, [`TOML_ITEM`] then `id: why`. Written
/// by `render::scan` and read back by [`super::evidence`].
pub const TOML_NOT_MEASURED: &str = "# Not measured (answer these yourself):";

/// How an item of a list in the TOML output's comments starts.
pub const TOML_ITEM: &str = "#   ";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScanReport {
    /// Measured answers by questionnaire id (`current.portal`, ...).
    pub answers: BTreeMap<String, MeasuredAnswer>,
    pub backstage: BackstageReport,
    pub catalog: CatalogReport,
    pub deploys: DeployReport,
    /// Answers the scan looks for but could not measure, with the reason.
    pub not_measured: BTreeMap<String, String>,
    /// Files showing a portal other than Backstage (Port, or another one).
    pub portals: Vec<PortalSignalReport>,
    pub questionnaire: String,
    /// How names were hidden, when `--redact` was given.
    pub redaction: Option<String>,
    /// How many repositories (and plain folders) were scanned.
    pub repositories: usize,
    pub scanned: Vec<RepositoryReport>,
    pub skipped: SkippedReport,
    pub tools: Vec<ToolReport>,
    pub warnings: Vec<String>,
}

impl ScanReport {
    /// Reads the JSON that `idpfit scan --format json` writes.
    pub fn from_json(text: &str) -> Result<ScanReport, serde_json::Error> {
        serde_json::from_str(text)
    }
}

/// One measured answer: its value as the answers file holds it, and the evidence behind it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeasuredAnswer {
    /// Lines naming repository, file and count; never file contents.
    pub evidence: Vec<String>,
    pub value: AnswerValue,
}

/// A choice (`"backstage"`) or a count (`3`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AnswerValue {
    Integer(u64),
    Choice(String),
}

impl AnswerValue {
    /// The value as it is written in TOML.
    pub fn to_toml(&self) -> String {
        match self {
            AnswerValue::Integer(n) => n.to_string(),
            AnswerValue::Choice(choice) => format!("\"{choice}\""),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BackstageReport {
    pub apps: Vec<BackstageApp>,
    /// Local packages with a library role (shared code of plugins).
    pub libraries: usize,
    /// Local packages with a plugin role.
    pub plugins: Vec<PluginReport>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BackstageApp {
    /// `new`, `old`, `mixed` or `unknown`.
    pub backend_system: String,
    /// Date (UTC) of the oldest commit in which the app's directory exists.
    pub first_commit: Option<String>,
    pub frontend_system: String,
    /// Whole months from `first_commit` to `newest_commit`.
    pub months: Option<u64>,
    /// Date (UTC) of the repository's newest commit.
    pub newest_commit: Option<String>,
    /// The app's directory in its repository (`""` for the repository root).
    pub path: String,
    pub repository: String,
    pub version: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PluginReport {
    /// The app the plugin sits in (`repository/path`), when it sits in one.
    pub app: Option<String>,
    pub name: Option<String>,
    pub path: String,
    pub repository: String,
    pub role: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CatalogReport {
    pub entities: usize,
    pub files: Vec<CatalogFileReport>,
    /// Entities of the kinds that must name an owner.
    pub judged: usize,
    /// Judged entities in stale files.
    pub stale: usize,
    pub stale_after_months: u64,
    /// Judged entities whose file's history could not be read.
    pub unknown_staleness: usize,
    /// Judged entities without `spec.owner`.
    pub without_owner: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CatalogFileReport {
    /// Date of the last change to the code next to the file (its directory), if known.
    pub code_changed: Option<String>,
    pub entities: usize,
    pub judged: usize,
    /// Date of the file's last change, if known.
    pub last_changed: Option<String>,
    pub path: String,
    pub repository: String,
    /// Whether the file is stale; `None` when its history is unknown.
    pub stale: Option<bool>,
    pub without_owner: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DeployReport {
    pub automatic: usize,
    pub jobs: Vec<DeployJobReport>,
    pub manual: usize,
    /// Jobs that start on their own unless an approval rule outside the repository holds them.
    pub unseen: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeployJobReport {
    pub environment: Option<String>,
    pub job: String,
    pub path: String,
    pub repository: String,
    /// `automatic`, `manual` or `unseen`.
    pub start: String,
    /// The CI system (`github-actions`, `gitlab-ci`, `jenkins`, `bitbucket-pipelines`).
    pub system: String,
    /// What in the file shows how the job starts.
    pub why: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PortalSignalReport {
    pub path: String,
    /// `port` or `other`.
    pub portal: String,
    pub repository: String,
    pub signal: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RepositoryReport {
    /// Files seen by the walk (after .gitignore and the skipped directories).
    pub files: u64,
    /// `read`, `shallow`, `cut_short`, `no_commits`, `unreadable`, `not_needed`, or `none`
    /// for a folder that is not a git repository.
    pub history: String,
    /// `git` or `folder`.
    pub kind: String,
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedReport {
    pub bare_repositories: u64,
    pub binary: u64,
    pub non_utf8_paths: u64,
    pub special_files: u64,
    pub symlinks: u64,
    pub too_large: u64,
    pub unreadable: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToolReport {
    /// `ready` or `none` as the coverage table says, `null` when it does not say.
    pub backstage: Option<String>,
    pub category: String,
    /// `ready`, `none` or `unknown`.
    pub connector: String,
    /// Where it was seen: `repository/path`, a few per tool.
    pub evidence: Vec<String>,
    pub id: String,
    /// A command no rule knows, run by a production deploy job.
    pub in_house: bool,
    pub name: String,
    pub port: Option<String>,
    pub repositories: usize,
    /// Where the coverage claim was checked.
    pub source: Option<String>,
}
