//! The scan's rules as data: the `detectors/*.toml` files, loaded in two phases (raw TOML, then
//! checked and compiled into globs and regular expressions).
//!
//! Which files show which tool, which tools have ready-made connectors, what marks a Backstage
//! app or another portal, how catalog files and deploy jobs are judged, and every threshold that
//! turns a count into an answer live in those files, embedded in the binary as the defaults and
//! replaceable with `idpfit scan --detectors DIR`. This module knows the files' shape, not the
//! tools: adding a tool or correcting a connector is an edit to the data, never to the code.
//! Every problem in every file is collected before failing, each pointing at its line.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use regex::Regex;
use regex::bytes::RegexSet;
use serde::Deserialize;
use toml::Spanned;

use crate::load;
use crate::load::diagnostic::{Code, Diagnostics, Problem, did_you_mean};

/// The detector files, by the name they have in `detectors/` and in a `--detectors` folder.
pub const FILE_NAMES: [&str; 6] = [
    "tools.toml",
    "coverage.toml",
    "portals.toml",
    "catalog.toml",
    "deploys.toml",
    "scan.toml",
];

const BUILTIN: [&str; 6] = [
    include_str!("../../detectors/tools.toml"),
    include_str!("../../detectors/coverage.toml"),
    include_str!("../../detectors/portals.toml"),
    include_str!("../../detectors/catalog.toml"),
    include_str!("../../detectors/deploys.toml"),
    include_str!("../../detectors/scan.toml"),
];

/// Tool categories a `tools.toml` entry may name.
pub const CATEGORIES: [&str; 11] = [
    "ci",
    "deploy",
    "iac",
    "orchestration",
    "observability",
    "incident",
    "security",
    "service_mesh",
    "feature_flags",
    "source_control",
    "cloud",
];

/// The text of the six detector files, with the name each is shown under in messages.
#[derive(Clone, Debug)]
pub struct Sources {
    /// `(shown name, text)`, in the order of [`FILE_NAMES`].
    pub files: Vec<(String, String)>,
}

impl Sources {
    /// The files compiled into the binary.
    pub fn builtin() -> Sources {
        Sources {
            files: FILE_NAMES
                .iter()
                .zip(BUILTIN)
                .map(|(name, text)| (format!("<built-in detectors/{name}>"), text.to_string()))
                .collect(),
        }
    }

    /// Replaces each built-in file for which `dir` holds a file of the same name. `read` reads
    /// one file (the caller's bounded reader); a file absent from `dir` keeps the built-in one.
    pub fn with_overrides<E>(
        mut self,
        dir: &Path,
        mut read: impl FnMut(&Path) -> Result<String, E>,
    ) -> Result<Sources, E> {
        for (index, name) in FILE_NAMES.iter().enumerate() {
            let path = dir.join(name);
            if path.exists() {
                let text = read(&path)?;
                self.files[index] = (path.display().to_string(), text);
            }
        }
        Ok(self)
    }
}

/// The validated, compiled detectors.
#[derive(Debug)]
pub struct Detectors {
    pub limits: Limits,
    pub tools: Vec<Tool>,
    pub stack: StackThresholds,
    pub backstage: BackstageRules,
    pub signals: Vec<Signal>,
    pub catalog: CatalogRules,
    pub deploys: DeployRules,
    pub(crate) matcher: Matcher,
}

/// How far the walk and the history look.
#[derive(Clone, Debug)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub skip_dirs: BTreeSet<String>,
    pub max_commits: u64,
}

/// One tool: how it is recognised and whether connectors exist for it.
#[derive(Clone, Debug)]
pub struct Tool {
    pub id: String,
    pub name: String,
    pub category: String,
    pub commands: Vec<String>,
    /// Content patterns of each file rule, `None` when the file's presence is enough.
    pub rules: Vec<Option<RegexSet>>,
    pub coverage: Option<Coverage>,
}

/// Whether one portal has a ready-made connector for a tool.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Availability {
    Ready,
    None,
}

/// What the coverage table says about one tool.
#[derive(Clone, Debug)]
pub struct Coverage {
    pub backstage: Option<Availability>,
    pub port: Option<Availability>,
    pub source: String,
}

/// Counts of uncovered systems at which `integrations.stack` changes.
#[derive(Clone, Copy, Debug)]
pub struct StackThresholds {
    pub mostly_standard_from: u64,
    pub unusual_from: u64,
}

#[derive(Clone, Debug)]
pub struct BackstageRules {
    pub plugin_roles: Vec<String>,
    pub library_roles: Vec<String>,
    pub frontend_roles: Vec<String>,
    pub backend_roles: Vec<String>,
    pub new_backend: Vec<String>,
    pub old_backend: Vec<String>,
    pub new_frontend: Vec<String>,
    pub old_frontend: Vec<String>,
    /// Why finding no portal does not answer "none".
    pub absence_note: String,
    /// How months invested are counted.
    pub months_note: String,
}

/// A portal other than Backstage, as `current.portal` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SignalPortal {
    Port,
    Other,
}

impl SignalPortal {
    pub fn id(self) -> &'static str {
        match self {
            SignalPortal::Port => "port",
            SignalPortal::Other => "other",
        }
    }
}

/// A file that shows another portal in use.
#[derive(Clone, Debug)]
pub struct Signal {
    pub portal: SignalPortal,
    pub name: String,
    pub patterns: Option<RegexSet>,
}

#[derive(Clone, Debug)]
pub struct CatalogRules {
    pub owner_kinds: Vec<String>,
    pub stale_after_months: u64,
    pub stale_share: f64,
    /// What the catalog answer cannot see.
    pub note: String,
}

#[derive(Clone, Debug)]
pub struct DeployRules {
    pub production: Regex,
    pub deploy: Regex,
    pub manual_from_share: f64,
    pub wrappers: BTreeSet<String>,
    pub generic_commands: BTreeSet<String>,
    /// What the deploy answer cannot see.
    pub note: String,
}

/// A CI system whose pipeline files the scan reads for deploy jobs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum CiSystem {
    GithubActions,
    GitlabCi,
    Jenkins,
    BitbucketPipelines,
}

impl CiSystem {
    pub fn id(self) -> &'static str {
        match self {
            CiSystem::GithubActions => "github-actions",
            CiSystem::GitlabCi => "gitlab-ci",
            CiSystem::Jenkins => "jenkins",
            CiSystem::BitbucketPipelines => "bitbucket-pipelines",
        }
    }
}

/// What a file matched by a glob is read for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Target {
    ToolRule { tool: usize, rule: usize },
    Signal(usize),
    BackstageMarker,
    Package,
    Catalog,
    Pipeline(CiSystem),
}

/// Every glob of every file, compiled into one set: one match per file walked finds all the
/// reasons to read it.
#[derive(Debug)]
pub(crate) struct Matcher {
    set: GlobSet,
    targets: Vec<Target>,
    /// Path components the globs spell out literally (`.github`, `package.json`): names every
    /// organisation has, which redaction keeps readable.
    pub(crate) public_names: BTreeSet<String>,
}

impl Matcher {
    /// The reasons to read the file at `relative` (a path inside a repository), sorted and
    /// without repeats; empty for the vast majority of files.
    pub(crate) fn targets(&self, relative: &Path, scratch: &mut Vec<usize>) -> Vec<Target> {
        self.set.matches_into(relative, scratch);
        let mut targets: Vec<Target> = scratch.iter().map(|&i| self.targets[i]).collect();
        targets.sort();
        targets.dedup();
        targets
    }
}

impl Detectors {
    /// The built-in detectors. They are checked by a test, so a failure here is a bug in the
    /// shipped data and is reported as one.
    #[allow(clippy::expect_used)]
    pub fn builtin() -> Detectors {
        Detectors::from_sources(&Sources::builtin())
            .map_err(|problems| render_all(&problems))
            .expect("the built-in detectors are valid")
    }

    /// Loads and checks the six files, collecting every problem in every file.
    pub fn from_sources(sources: &Sources) -> Result<Detectors, Vec<Diagnostics>> {
        let mut loader = Loader {
            sources,
            diagnostics: FILE_NAMES
                .iter()
                .enumerate()
                .map(|(i, _)| Diagnostics::new(&sources.files[i].0, &sources.files[i].1))
                .collect(),
            globs: Vec::new(),
        };
        let tools: Option<RawTools> = loader.parse(0);
        let coverage: Option<RawCoverage> = loader.parse(1);
        let portals: Option<RawPortals> = loader.parse(2);
        let catalog: Option<RawCatalog> = loader.parse(3);
        let deploys: Option<RawDeploys> = loader.parse(4);
        let scan: Option<RawScan> = loader.parse(5);

        let tools = tools.map(|raw| loader.tools(raw));
        let stack = match (coverage, tools) {
            (Some(raw), Some(mut tools)) => {
                let stack = loader.coverage(raw, &mut tools);
                Some((tools, stack))
            }
            _ => None,
        };
        let portals = portals.map(|raw| loader.portals(raw));
        let catalog = catalog.map(|raw| loader.catalog(raw));
        let deploys = deploys.map(|raw| loader.deploys(raw));
        let limits = scan.map(|raw| loader.limits(raw));
        let matcher = loader.matcher();

        let problems: Vec<Diagnostics> = loader
            .diagnostics
            .into_iter()
            .filter(|d| !d.is_empty())
            .collect();
        match (stack, portals, catalog, deploys, limits, matcher) {
            (
                Some((tools, Some(stack))),
                Some((backstage, signals)),
                Some(catalog),
                Some(Some(deploys)),
                Some(limits),
                Some(matcher),
            ) if problems.is_empty() => Ok(Detectors {
                limits,
                tools,
                stack,
                backstage,
                signals,
                catalog,
                deploys,
                matcher,
            }),
            _ => Err(problems),
        }
    }

    pub fn tool(&self, id: &str) -> Option<&Tool> {
        self.tools.iter().find(|t| t.id == id)
    }
}

/// Renders the problems of several files, one after the other.
pub fn render_all(problems: &[Diagnostics]) -> String {
    problems.iter().map(Diagnostics::render).collect()
}

// ---------------------------------------------------------------------------------------------
// Raw files, as written.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTools {
    tools: Vec<RawTool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTool {
    id: Spanned<String>,
    name: String,
    category: Spanned<String>,
    #[serde(default)]
    commands: Vec<Spanned<String>>,
    #[serde(default)]
    rules: Vec<RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    files: Vec<Spanned<String>>,
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCoverage {
    stack: Spanned<RawStack>,
    #[serde(default)]
    coverage: Vec<Spanned<RawCoverageEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStack {
    mostly_standard_from: u64,
    unusual_from: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCoverageEntry {
    tool: Spanned<String>,
    backstage: Option<Availability>,
    port: Option<Availability>,
    source: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPortals {
    backstage: RawBackstage,
    #[serde(default)]
    signals: Vec<RawSignal>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBackstage {
    app_markers: Vec<Spanned<String>>,
    packages: Vec<Spanned<String>>,
    plugin_roles: Vec<String>,
    library_roles: Vec<String>,
    frontend_roles: Vec<String>,
    backend_roles: Vec<String>,
    new_backend: Vec<String>,
    old_backend: Vec<String>,
    new_frontend: Vec<String>,
    old_frontend: Vec<String>,
    absence_note: String,
    months_note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSignal {
    portal: SignalPortal,
    name: String,
    files: Vec<Spanned<String>>,
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    files: Vec<Spanned<String>>,
    owner_kinds: Vec<String>,
    stale_after_months: Spanned<u64>,
    stale_share: Spanned<f64>,
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeploys {
    github_actions: Vec<Spanned<String>>,
    gitlab_ci: Vec<Spanned<String>>,
    jenkins: Vec<Spanned<String>>,
    bitbucket_pipelines: Vec<Spanned<String>>,
    production: Spanned<String>,
    deploy: Spanned<String>,
    manual_from_share: Spanned<f64>,
    wrappers: Vec<String>,
    generic_commands: Vec<String>,
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScan {
    max_file_bytes: Spanned<u64>,
    skip_dirs: Vec<String>,
    max_commits: Spanned<u64>,
}

// ---------------------------------------------------------------------------------------------
// Checking and compiling.

struct Loader<'a> {
    sources: &'a Sources,
    diagnostics: Vec<Diagnostics>,
    /// Every glob, with the file it came from (an index into the sources) and what it serves.
    globs: Vec<(usize, Spanned<String>, Target)>,
}

impl Loader<'_> {
    fn problem(&mut self, file: usize, problem: Problem) {
        self.diagnostics[file].push(problem);
    }

    /// The raw form of one file, or `None` after reporting why it has none: the same syntax
    /// check and deserialization as the questionnaire and weights files.
    fn parse<T: serde::de::DeserializeOwned>(&mut self, file: usize) -> Option<T> {
        let (name, source) = &self.sources.files[file];
        match load::raw(name, source) {
            Ok(raw) => Some(raw),
            Err(found) => {
                self.diagnostics[file].problems.extend(found.problems);
                None
            }
        }
    }

    fn glob(&mut self, file: usize, glob: Spanned<String>, target: Target) {
        self.globs.push((file, glob, target));
    }

    /// `pattern` compiled by `compile` (text or byte regular expressions, as the rule needs),
    /// or `None` after reporting that it is not a valid regular expression.
    fn compiled<R>(
        &mut self,
        file: usize,
        pattern: &Spanned<String>,
        compile: impl FnOnce(&str) -> Result<R, regex::Error>,
    ) -> Option<R> {
        match compile(pattern.get_ref()) {
            Ok(compiled) => Some(compiled),
            Err(error) => {
                let message = format!("not a valid regular expression: {}", one_line(&error));
                let problem = Problem::new(Code::InvalidValue, message).at(pattern.span());
                self.problem(file, problem);
                None
            }
        }
    }

    /// The content patterns of one rule as a set; `None` when the rule has none (the file's
    /// presence is enough) or one of them is invalid (each invalid one is reported).
    fn patterns(&mut self, file: usize, patterns: &[Spanned<String>]) -> Option<RegexSet> {
        if patterns.is_empty() {
            return None;
        }
        for pattern in patterns {
            self.compiled(file, pattern, regex::bytes::Regex::new);
        }
        RegexSet::new(patterns.iter().map(|p| p.get_ref().as_str())).ok()
    }

    fn regex(&mut self, file: usize, pattern: &Spanned<String>) -> Option<Regex> {
        self.compiled(file, pattern, Regex::new)
    }

    fn share(&mut self, file: usize, key: &str, value: &Spanned<f64>) -> f64 {
        let share = *value.get_ref();
        if !(share > 0.0 && share <= 1.0) {
            self.problem(
                file,
                Problem::new(
                    Code::InvalidValue,
                    format!("`{key}` must be a share above 0 and at most 1"),
                )
                .at(value.span()),
            );
        }
        share
    }

    fn at_least_one(&mut self, file: usize, key: &str, value: &Spanned<u64>) -> u64 {
        if *value.get_ref() == 0 {
            self.problem(
                file,
                Problem::new(Code::InvalidValue, format!("`{key}` must be at least 1"))
                    .at(value.span()),
            );
        }
        *value.get_ref()
    }

    fn tools(&mut self, raw: RawTools) -> Vec<Tool> {
        let mut seen: BTreeMap<String, Range<usize>> = BTreeMap::new();
        let mut tools = Vec::new();
        for (index, tool) in raw.tools.into_iter().enumerate() {
            let id = tool.id.get_ref().clone();
            if !is_identifier(&id) {
                self.problem(
                    0,
                    Problem::new(
                        Code::InvalidValue,
                        format!("tool id `{id}` must be lowercase letters, digits and dashes"),
                    )
                    .at(tool.id.span()),
                );
            }
            if seen.insert(id.clone(), tool.id.span()).is_some() {
                self.problem(
                    0,
                    Problem::new(Code::Duplicate, format!("tool `{id}` is listed twice"))
                        .at(tool.id.span()),
                );
            }
            if !CATEGORIES.contains(&tool.category.get_ref().as_str()) {
                let hint = did_you_mean(tool.category.get_ref(), CATEGORIES);
                self.problem(
                    0,
                    Problem::new(
                        Code::UnknownName,
                        format!("unknown category `{}`", tool.category.get_ref()),
                    )
                    .at(tool.category.span())
                    .note(format!("expected one of: {}", CATEGORIES.join(", ")))
                    .note_opt(hint.map(|h| format!("help: did you mean `{h}`?"))),
                );
            }
            for command in &tool.commands {
                if command.get_ref().trim().is_empty() || command.get_ref().contains(' ') {
                    self.problem(
                        0,
                        Problem::new(
                            Code::InvalidValue,
                            "a command is one word, as typed at a shell prompt",
                        )
                        .at(command.span()),
                    );
                }
            }
            let mut rules = Vec::new();
            for (rule_index, rule) in tool.rules.into_iter().enumerate() {
                rules.push(self.patterns(0, &rule.patterns));
                for glob in rule.files {
                    self.glob(
                        0,
                        glob,
                        Target::ToolRule {
                            tool: index,
                            rule: rule_index,
                        },
                    );
                }
            }
            tools.push(Tool {
                id,
                name: tool.name,
                category: tool.category.into_inner(),
                commands: tool.commands.into_iter().map(Spanned::into_inner).collect(),
                rules,
                coverage: None,
            });
        }
        tools
    }

    fn coverage(&mut self, raw: RawCoverage, tools: &mut [Tool]) -> Option<StackThresholds> {
        let stack = raw.stack.get_ref();
        let thresholds = StackThresholds {
            mostly_standard_from: stack.mostly_standard_from,
            unusual_from: stack.unusual_from,
        };
        let valid = thresholds.mostly_standard_from >= 1
            && thresholds.unusual_from > thresholds.mostly_standard_from;
        if !valid {
            self.problem(
                1,
                Problem::new(
                    Code::InvalidRule,
                    "[stack] needs 1 <= mostly_standard_from < unusual_from (counts of tools without a connector)",
                )
                .at(raw.stack.span()),
            );
        }
        let ids: Vec<String> = tools.iter().map(|t| t.id.clone()).collect();
        for entry in raw.coverage {
            let span = entry.span();
            let entry = entry.into_inner();
            let Some(tool) = tools.iter_mut().find(|t| &t.id == entry.tool.get_ref()) else {
                let hint = did_you_mean(entry.tool.get_ref(), ids.iter().map(String::as_str));
                self.problem(
                    1,
                    Problem::new(
                        Code::UnknownName,
                        format!(
                            "coverage for `{}`, which is not a tool in tools.toml",
                            entry.tool.get_ref()
                        ),
                    )
                    .at(entry.tool.span())
                    .note_opt(hint.map(|h| format!("help: did you mean `{h}`?"))),
                );
                continue;
            };
            if tool.coverage.is_some() {
                self.problem(
                    1,
                    Problem::new(
                        Code::Duplicate,
                        format!("coverage for `{}` is given twice", tool.id),
                    )
                    .at(entry.tool.span()),
                );
            }
            if entry.backstage.is_none() && entry.port.is_none() {
                self.problem(
                    1,
                    Problem::new(Code::Missing, format!(
                        "coverage for `{}` says nothing: give `backstage` or `port` (ready or none)",
                        tool.id
                    ))
                    .at(span),
                );
            }
            if entry.source.get_ref().trim().is_empty() {
                self.problem(
                    1,
                    Problem::new(
                        Code::Missing,
                        "every coverage entry needs a `source`: where the claim was checked",
                    )
                    .at(entry.source.span()),
                );
            }
            tool.coverage = Some(Coverage {
                backstage: entry.backstage,
                port: entry.port,
                source: entry.source.into_inner(),
            });
        }
        valid.then_some(thresholds)
    }

    fn portals(&mut self, raw: RawPortals) -> (BackstageRules, Vec<Signal>) {
        let RawBackstage {
            app_markers,
            packages,
            plugin_roles,
            library_roles,
            frontend_roles,
            backend_roles,
            new_backend,
            old_backend,
            new_frontend,
            old_frontend,
            absence_note,
            months_note,
        } = raw.backstage;
        for glob in app_markers {
            self.glob(2, glob, Target::BackstageMarker);
        }
        for glob in packages {
            self.glob(2, glob, Target::Package);
        }
        let rules = BackstageRules {
            plugin_roles,
            library_roles,
            frontend_roles,
            backend_roles,
            new_backend,
            old_backend,
            new_frontend,
            old_frontend,
            absence_note,
            months_note,
        };
        let mut signals = Vec::new();
        for (index, signal) in raw.signals.into_iter().enumerate() {
            let patterns = self.patterns(2, &signal.patterns);
            for glob in signal.files {
                self.glob(2, glob, Target::Signal(index));
            }
            signals.push(Signal {
                portal: signal.portal,
                name: signal.name,
                patterns,
            });
        }
        (rules, signals)
    }

    fn catalog(&mut self, raw: RawCatalog) -> CatalogRules {
        for glob in raw.files {
            self.glob(3, glob, Target::Catalog);
        }
        CatalogRules {
            owner_kinds: raw.owner_kinds,
            stale_after_months: self.at_least_one(3, "stale_after_months", &raw.stale_after_months),
            stale_share: self.share(3, "stale_share", &raw.stale_share),
            note: raw.note,
        }
    }

    fn deploys(&mut self, raw: RawDeploys) -> Option<DeployRules> {
        for (globs, system) in [
            (raw.github_actions, CiSystem::GithubActions),
            (raw.gitlab_ci, CiSystem::GitlabCi),
            (raw.jenkins, CiSystem::Jenkins),
            (raw.bitbucket_pipelines, CiSystem::BitbucketPipelines),
        ] {
            for glob in globs {
                self.glob(4, glob, Target::Pipeline(system));
            }
        }
        let production = self.regex(4, &raw.production);
        let deploy = self.regex(4, &raw.deploy);
        let manual_from_share = self.share(4, "manual_from_share", &raw.manual_from_share);
        Some(DeployRules {
            production: production?,
            deploy: deploy?,
            manual_from_share,
            wrappers: raw.wrappers.into_iter().collect(),
            generic_commands: raw.generic_commands.into_iter().collect(),
            note: raw.note,
        })
    }

    fn limits(&mut self, raw: RawScan) -> Limits {
        Limits {
            max_file_bytes: self.at_least_one(5, "max_file_bytes", &raw.max_file_bytes),
            skip_dirs: raw.skip_dirs.into_iter().collect(),
            max_commits: self.at_least_one(5, "max_commits", &raw.max_commits),
        }
    }

    /// Compiles every glob collected from every file into one set.
    fn matcher(&mut self) -> Option<Matcher> {
        let mut builder = GlobSetBuilder::new();
        let mut targets = Vec::new();
        let mut public_names = BTreeSet::new();
        let globs = std::mem::take(&mut self.globs);
        for (file, glob, target) in globs {
            match compile_glob(glob.get_ref()) {
                Ok(compiled) => {
                    builder.add(compiled);
                    targets.push(target);
                    public_names.extend(literal_components(glob.get_ref()));
                }
                Err(message) => self.problem(
                    file,
                    Problem::new(Code::InvalidValue, message).at(glob.span()),
                ),
            }
        }
        let set = builder.build().ok()?;
        Some(Matcher {
            set,
            targets,
            public_names,
        })
    }
}

/// Globs match paths relative to a repository's root; `*` never crosses a `/`.
fn compile_glob(glob: &str) -> Result<Glob, String> {
    if glob.starts_with('/') || glob.contains('\\') {
        return Err(format!(
            "glob `{glob}` must be relative to the repository root and use `/` as separator"
        ));
    }
    GlobBuilder::new(glob)
        .literal_separator(true)
        .build()
        .map_err(|e| format!("not a valid glob: {}", one_line(&e)))
}

/// The parts of a glob that are plain names, such as `.github` and `Jenkinsfile`.
fn literal_components(glob: &str) -> impl Iterator<Item = String> + '_ {
    glob.split('/')
        .filter(|c| !c.is_empty() && !c.contains(['*', '?', '[', ']', '{', '}']))
        .map(str::to_string)
}

fn is_identifier(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn one_line(error: &impl std::fmt::Display) -> String {
    error
        .to_string()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(file: &str, text: &str) -> Sources {
        let mut sources = Sources::builtin();
        let index = FILE_NAMES.iter().position(|n| *n == file).unwrap_or(0);
        sources.files[index] = (file.to_string(), text.to_string());
        sources
    }

    fn problems(sources: &Sources) -> String {
        match Detectors::from_sources(sources) {
            Ok(_) => String::new(),
            Err(problems) => render_all(&problems),
        }
    }

    #[test]
    fn the_built_in_detectors_are_valid() {
        assert_eq!(problems(&Sources::builtin()), "");
    }

    #[test]
    fn every_coverage_entry_names_a_source() {
        let detectors = Detectors::builtin();
        for tool in &detectors.tools {
            if let Some(coverage) = &tool.coverage {
                assert!(!coverage.source.trim().is_empty(), "{}", tool.id);
            }
        }
    }

    #[test]
    fn coverage_for_an_unknown_tool_is_reported_with_a_suggestion() {
        let text = "[stack]\nmostly_standard_from = 1\nunusual_from = 3\n\n[[coverage]]\ntool = \"jenkin\"\nport = \"ready\"\nsource = \"x\"\n";
        let shown = problems(&with("coverage.toml", text));
        assert!(
            shown.contains("coverage for `jenkin`, which is not a tool"),
            "{shown}"
        );
        assert!(shown.contains("did you mean `jenkins`"), "{shown}");
        assert!(shown.contains("coverage.toml:6:"), "{shown}");
    }

    #[test]
    fn bad_globs_regexes_and_thresholds_are_all_reported_at_once() {
        let tools = "[[tools]]\nid = \"x\"\nname = \"X\"\ncategory = \"cii\"\n[[tools.rules]]\nfiles = [\"a/[b\"]\npatterns = [\"(\"]\n";
        let mut sources = with("tools.toml", tools);
        sources.files[1].1 = "[stack]\nmostly_standard_from = 3\nunusual_from = 3\n".to_string();
        let shown = problems(&sources);
        assert!(shown.contains("unknown category `cii`"), "{shown}");
        assert!(shown.contains("did you mean `ci`"), "{shown}");
        assert!(shown.contains("not a valid glob"), "{shown}");
        assert!(shown.contains("not a valid regular expression"), "{shown}");
        assert!(
            shown.contains("mostly_standard_from < unusual_from"),
            "{shown}"
        );
    }

    #[test]
    fn a_share_outside_zero_to_one_is_refused() {
        let text = Sources::builtin().files[3]
            .1
            .replace("stale_share = 0.25", "stale_share = 1.5");
        let shown = problems(&with("catalog.toml", &text));
        assert!(shown.contains("`stale_share` must be a share"), "{shown}");
    }

    #[test]
    fn glob_literals_become_public_names() {
        let detectors = Detectors::builtin();
        let names = &detectors.matcher.public_names;
        for name in [
            ".github",
            "workflows",
            "package.json",
            "catalog-info.yaml",
            "Jenkinsfile",
        ] {
            assert!(names.contains(name), "{name}");
        }
        assert!(!names.iter().any(|n| n.contains('*')));
    }
}
