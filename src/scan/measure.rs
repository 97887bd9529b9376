//! From facts to answers: the pure step that turns what the walk and the history found into
//! measured answers with their evidence, and the report's detail sections.
//!
//! Each answer is given only when the evidence supports exactly one value. Where something the
//! scan cannot see could change the value (a tool whose connectors are unknown, a deploy job an
//! approval rule outside the repository may hold, a catalog file without history), the value is
//! worked out for both ends of what is possible; when they differ, the answer is left out and
//! `not_measured` says why. Thresholds come from the detectors; nothing here reads the clock:
//! "now" is each repository's newest commit.

use std::collections::{BTreeMap, BTreeSet};

use super::Note;
use super::detectors::{Availability, Detectors, SignalPortal};
use super::examine::FileFacts;
use super::history::{Change, Ended, History, Outcome, Tracked};
use super::parse::pipeline::Start;
use super::redact::{Names, REDACTION};
use super::report::{
    AnswerValue, BackstageApp, BackstageReport, CatalogFileReport, CatalogReport, DeployJobReport,
    DeployReport, MeasuredAnswer, PluginReport, PortalSignalReport, QUESTIONNAIRE,
    RepositoryReport, ScanReport, SkippedReport, ToolReport,
};
use super::walk::{Repository, Skipped};

/// Evidence lists name at most this many files; the report's sections hold them all.
const SHOWN: usize = 10;

/// Tool evidence names at most this many files per tool.
const SHOWN_PER_TOOL: usize = 5;

/// Average length of a month in seconds (365.2425 days / 12).
const MONTH_SECONDS: f64 = 365.2425 / 12.0 * 86_400.0;

/// One repository with its history, if it was read.
pub(crate) struct Scanned<'a> {
    pub repository: &'a Repository,
    pub history: Option<&'a Outcome>,
}

/// The paths whose history the answers need: each Backstage app's directory (when it first
/// appeared), and each catalog file and its directory (when each last changed).
pub(crate) fn tracked(repository: &Repository) -> Tracked {
    let mut tracked = Tracked::default();
    for facts in &repository.facts {
        if facts.backstage.is_some() {
            tracked
                .first_seen
                .push(git_parent(&facts.git_path).to_vec());
        }
        if facts.catalog.is_some() {
            tracked.last_changed.push(facts.git_path.clone());
            tracked
                .last_changed
                .push(git_parent(&facts.git_path).to_vec());
        }
    }
    tracked.first_seen.sort();
    tracked.first_seen.dedup();
    tracked.last_changed.sort();
    tracked.last_changed.dedup();
    tracked
}

/// Everything the scan reports.
pub(crate) fn measure(
    scanned: &[Scanned<'_>],
    skipped: &Skipped,
    notes: &[Note],
    detectors: &Detectors,
    names: &Names<'_>,
) -> ScanReport {
    let mut report = ScanReport {
        answers: BTreeMap::new(),
        backstage: BackstageReport::default(),
        catalog: CatalogReport::default(),
        deploys: DeployReport::default(),
        not_measured: BTreeMap::new(),
        portals: Vec::new(),
        questionnaire: QUESTIONNAIRE.to_string(),
        redaction: names.redacted().then(|| REDACTION.to_string()),
        repositories: scanned.len(),
        scanned: scanned
            .iter()
            .map(|s| repository_report(s, names))
            .collect(),
        skipped: skipped_report(skipped),
        tools: Vec::new(),
        warnings: Vec::new(),
    };
    let mut answers = Answers::default();
    integrations(scanned, detectors, names, &mut report, &mut answers);
    portal(scanned, detectors, names, &mut report, &mut answers);
    catalog(scanned, detectors, names, &mut report, &mut answers);
    deploys(scanned, detectors, names, &mut report, &mut answers);
    report.answers = answers.measured;
    report.not_measured = answers.not_measured;
    report.warnings.extend(warnings(scanned, notes, names));
    report.warnings.sort();
    report.warnings.dedup();
    report
}

#[derive(Default)]
struct Answers {
    measured: BTreeMap<String, MeasuredAnswer>,
    not_measured: BTreeMap<String, String>,
}

impl Answers {
    fn give(&mut self, id: &str, value: AnswerValue, evidence: Vec<String>) {
        self.measured
            .insert(id.to_string(), MeasuredAnswer { evidence, value });
    }

    fn choice(&mut self, id: &str, value: &str, evidence: Vec<String>) {
        self.give(id, AnswerValue::Choice(value.to_string()), evidence);
    }

    fn count(&mut self, id: &str, value: usize, evidence: Vec<String>) {
        self.give(id, AnswerValue::Integer(value as u64), evidence);
    }

    fn leave_out(&mut self, id: &str, why: impl Into<String>) {
        self.not_measured.insert(id.to_string(), why.into());
    }
}

// ---------------------------------------------------------------------------------------------
// integrations.stack, integrations.uncovered_integrations

/// Where one tool was seen: repository index to the files (and, for in-house commands, jobs).
type Sightings = BTreeMap<usize, BTreeSet<String>>;

fn integrations(
    scanned: &[Scanned<'_>],
    detectors: &Detectors,
    names: &Names<'_>,
    report: &mut ScanReport,
    answers: &mut Answers,
) {
    let mut tools: BTreeMap<usize, Sightings> = BTreeMap::new();
    let mut in_house: BTreeMap<String, Sightings> = BTreeMap::new();
    let by_command = |command: &str| {
        detectors
            .tools
            .iter()
            .position(|t| t.commands.iter().any(|c| c == command))
    };
    for (index, s) in scanned.iter().enumerate() {
        let repository = &s.repository.name;
        for facts in &s.repository.facts {
            let file = names.file(repository, &facts.path);
            for tool in &facts.tools {
                see(&mut tools, *tool, index, file.clone());
            }
            let Some(pipeline) = &facts.pipeline else {
                continue;
            };
            for command in &pipeline.commands {
                if let Some(tool) = by_command(command) {
                    see(&mut tools, tool, index, file.clone());
                }
            }
            for job in &pipeline.deploy_jobs {
                for command in &job.commands {
                    let known = by_command(command).is_some()
                        || detectors.deploys.generic_commands.contains(command)
                        || detectors.deploys.wrappers.contains(command);
                    if !known {
                        let seen = format!("{file} (job `{}`)", names.label(&job.name));
                        in_house
                            .entry(command.clone())
                            .or_default()
                            .entry(index)
                            .or_default()
                            .insert(seen);
                    }
                }
            }
        }
    }

    for (tool, sightings) in &tools {
        let tool = &detectors.tools[*tool];
        let coverage = tool.coverage.as_ref();
        let availability = |a: Option<Availability>| {
            a.map(|a| match a {
                Availability::Ready => "ready".to_string(),
                Availability::None => "none".to_string(),
            })
        };
        report.tools.push(ToolReport {
            backstage: availability(coverage.and_then(|c| c.backstage)),
            category: tool.category.clone(),
            connector: connector(coverage.map(|c| (c.backstage, c.port))).to_string(),
            evidence: first_files(sightings, SHOWN_PER_TOOL),
            id: tool.id.clone(),
            in_house: false,
            name: tool.name.clone(),
            port: availability(coverage.and_then(|c| c.port)),
            repositories: sightings.len(),
            source: coverage.map(|c| c.source.clone()),
        });
    }
    for (command, sightings) in &in_house {
        let label = names.label(command);
        report.tools.push(ToolReport {
            backstage: None,
            category: "deploy".to_string(),
            connector: "none".to_string(),
            evidence: first_files(sightings, SHOWN_PER_TOOL),
            id: format!("in-house:{label}"),
            in_house: true,
            name: format!("in-house command `{label}`"),
            port: None,
            repositories: sightings.len(),
            source: None,
        });
    }
    report.tools.sort_by(|a, b| a.id.cmp(&b.id));
    let repositories: BTreeSet<usize> = tools
        .values()
        .chain(in_house.values())
        .flat_map(|sightings| sightings.keys().copied())
        .collect();
    integration_answers(&report.tools, repositories.len(), detectors, answers);
}

fn see(tools: &mut BTreeMap<usize, Sightings>, tool: usize, repository: usize, file: String) {
    tools
        .entry(tool)
        .or_default()
        .entry(repository)
        .or_default()
        .insert(file);
}

/// A few files where a tool was seen, in repository order.
fn first_files(sightings: &Sightings, limit: usize) -> Vec<String> {
    sightings.values().flatten().take(limit).cloned().collect()
}

/// "ready" when either portal has a connector, "none" when both were checked and neither has,
/// "unknown" otherwise.
fn connector(coverage: Option<(Option<Availability>, Option<Availability>)>) -> &'static str {
    match coverage {
        Some((backstage, port)) => {
            if backstage == Some(Availability::Ready) || port == Some(Availability::Ready) {
                "ready"
            } else if backstage == Some(Availability::None) && port == Some(Availability::None) {
                "none"
            } else {
                "unknown"
            }
        }
        None => "unknown",
    }
}

fn integration_answers(
    tools: &[ToolReport],
    repositories: usize,
    detectors: &Detectors,
    answers: &mut Answers,
) {
    const STACK: &str = "integrations.stack";
    const UNCOVERED: &str = "integrations.uncovered_integrations";
    if tools.is_empty() {
        let why = "no tool in detectors/tools.toml was found in the scanned repositories";
        answers.leave_out(STACK, why);
        answers.leave_out(UNCOVERED, why);
        return;
    }
    let ready: Vec<&ToolReport> = tools.iter().filter(|t| t.connector == "ready").collect();
    let none: Vec<&ToolReport> = tools.iter().filter(|t| t.connector == "none").collect();
    let unknown: Vec<&ToolReport> = tools.iter().filter(|t| t.connector == "unknown").collect();
    let mut evidence = vec![format!(
        "{} found in {}: {} with a ready-made connector, {} without, {} unknown (coverage table: detectors/coverage.toml)",
        count_of(tools.len(), "tool", "tools"),
        count_of(repositories, "repository", "repositories"),
        ready.len(),
        none.len(),
        unknown.len(),
    )];
    for tool in &none {
        evidence.push(uncovered_line(tool));
    }
    let ids = |list: &[&ToolReport]| {
        list.iter()
            .map(|t| t.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if unknown.is_empty() {
        answers.count(UNCOVERED, none.len(), evidence.clone());
    } else {
        answers.leave_out(
            UNCOVERED,
            format!(
                "at least {}: the coverage table does not say whether {} {} a ready-made connector; add {} to detectors/coverage.toml",
                none.len(),
                ids(&unknown),
                plural(unknown.len(), "has", "have"),
                plural(unknown.len(), "it", "them"),
            ),
        );
    }
    let stack = detectors.stack;
    let category = |uncovered: usize| {
        let uncovered = uncovered as u64;
        if uncovered >= stack.unusual_from {
            "unusual"
        } else if uncovered >= stack.mostly_standard_from {
            "mostly_standard"
        } else {
            "standard"
        }
    };
    let low = category(none.len());
    let high = category(none.len() + unknown.len());
    let rule = format!(
        "{} without a ready-made connector: mostly_standard from {}, unusual from {} (detectors/coverage.toml [stack])",
        count_of(none.len(), "system", "systems"),
        stack.mostly_standard_from,
        stack.unusual_from
    );
    if low == high {
        evidence.push(rule);
        answers.choice(STACK, low, evidence);
    } else {
        answers.leave_out(
            STACK,
            format!(
                "{low} or {high}: it depends on whether {} {} ready-made connectors",
                ids(&unknown),
                plural(unknown.len(), "has", "have")
            ),
        );
    }
}

fn uncovered_line(tool: &ToolReport) -> String {
    let seen = tool.evidence.first().cloned().unwrap_or_default();
    let more = tool.repositories.saturating_sub(1);
    let more = if more > 0 {
        format!(
            " and {}",
            count_of(more, "more repository", "more repositories")
        )
    } else {
        String::new()
    };
    if tool.in_house {
        format!(
            "{} (no connector: a command no rule knows, in a production deploy job): {seen}{more}",
            tool.name
        )
    } else {
        format!(
            "{} ({}): no ready-made connector; seen in {seen}{more}",
            tool.name, tool.category
        )
    }
}

// ---------------------------------------------------------------------------------------------
// current.portal, current.custom_plugins, current.months_invested

const PORTAL: &str = "current.portal";
const PLUGINS: &str = "current.custom_plugins";
const MONTHS: &str = "current.months_invested";

fn portal(
    scanned: &[Scanned<'_>],
    detectors: &Detectors,
    names: &Names<'_>,
    report: &mut ScanReport,
    answers: &mut Answers,
) {
    let rules = &detectors.backstage;
    let mut apps: Vec<(BackstageApp, Option<u64>)> = Vec::new();
    let mut app_lines = Vec::new();
    let mut app_dirs: Vec<(usize, String)> = Vec::new();
    let mut plugins = Vec::new();
    let mut libraries = 0;
    for (index, s) in scanned.iter().enumerate() {
        let repository = &s.repository.name;
        let history = read_history(s.history);
        for facts in &s.repository.facts {
            let Some(json) = &facts.backstage else {
                continue;
            };
            let dir = parent(&facts.path);
            let packages = packages_under(&s.repository.facts, dir);
            // Other programs write files called backstage.json too (map editors do): an app
            // is one only with a workspace package that declares a Backstage role.
            if !packages.iter().any(|p| p.role.is_some()) {
                if let Some(version) = &json.version {
                    report.warnings.push(format!(
                        "{}: names Backstage {version}, but no package.json at or below it has a backstage.role; not counted as a Backstage app",
                        names.file(repository, &facts.path)
                    ));
                }
                continue;
            }
            app_dirs.push((index, dir.to_string()));
            let backend = system(
                &packages,
                &rules.backend_roles,
                &rules.new_backend,
                &rules.old_backend,
            );
            let frontend = system(
                &packages,
                &rules.frontend_roles,
                &rules.new_frontend,
                &rules.old_frontend,
            );
            let git_dir = git_parent(&facts.git_path);
            let first = history.and_then(|h| h.first_seen.get(git_dir).copied().flatten());
            let months = match (history, first) {
                (Some(h), Some(first)) if h.ended.exact() => {
                    Some(months_between(first, h.head_time))
                }
                _ => None,
            };
            let lower_bound = match (history, first) {
                (Some(h), Some(first)) if !h.ended.exact() => {
                    Some(months_between(first, h.head_time))
                }
                _ => None,
            };
            let file = names.file(repository, &facts.path);
            app_lines.push(format!(
                "{file}: Backstage app, version {}",
                json.version.as_deref().unwrap_or("not stated")
            ));
            app_lines.push(format!(
                "{}: backend on the {} system, frontend on the {} system",
                names.file(repository, dir),
                backend,
                frontend
            ));
            apps.push((
                BackstageApp {
                    backend_system: backend.to_string(),
                    first_commit: first.map(date),
                    frontend_system: frontend.to_string(),
                    months,
                    newest_commit: history.map(|h| date(h.head_time)),
                    path: names.path(dir),
                    repository: names.repository(repository),
                    version: json.version.clone(),
                },
                lower_bound,
            ));
        }
        for facts in &s.repository.facts {
            let Some(package) = &facts.package else {
                continue;
            };
            let Some(role) = &package.role else {
                continue;
            };
            if rules.library_roles.contains(role) {
                libraries += 1;
            }
            if !rules.plugin_roles.contains(role) {
                continue;
            }
            let app = app_dirs
                .iter()
                .filter(|(i, dir)| *i == index && is_under(&facts.path, dir))
                .max_by_key(|(_, dir)| dir.len())
                .map(|(_, dir)| names.file(repository, dir));
            plugins.push(PluginReport {
                app,
                name: package.name.as_deref().map(|n| names.label(n)),
                path: names.path(parent(&facts.path)),
                repository: names.repository(repository),
                role: role.clone(),
            });
        }
    }

    let mut signals: BTreeMap<SignalPortal, Vec<String>> = BTreeMap::new();
    for s in scanned {
        for facts in &s.repository.facts {
            for signal in &facts.signals {
                let signal = &detectors.signals[*signal];
                let file = names.file(&s.repository.name, &facts.path);
                signals
                    .entry(signal.portal)
                    .or_default()
                    .push(format!("{file}: {}", signal.name));
                report.portals.push(PortalSignalReport {
                    path: names.path(&facts.path),
                    portal: signal.portal.id().to_string(),
                    repository: names.repository(&s.repository.name),
                    signal: signal.name.clone(),
                });
            }
        }
    }

    let mut found: Vec<(&str, Vec<String>)> = Vec::new();
    if !apps.is_empty() {
        found.push(("backstage", app_lines));
    }
    for (portal, lines) in &signals {
        found.push((portal.id(), lines.clone()));
    }
    let portal = match found.as_slice() {
        [] => {
            answers.leave_out(PORTAL, rules.absence_note.clone());
            None
        }
        [(portal, lines)] => {
            answers.choice(PORTAL, portal, capped(lines.clone()));
            Some(*portal)
        }
        several => {
            let shown: Vec<String> = several
                .iter()
                .map(|(portal, lines)| {
                    format!("{portal} ({})", lines.first().cloned().unwrap_or_default())
                })
                .collect();
            answers.leave_out(
                PORTAL,
                format!(
                    "signs of more than one portal: {}; answer by hand which one developers use",
                    shown.join("; ")
                ),
            );
            None
        }
    };

    match portal {
        Some("backstage") => {
            let mut evidence = vec![format!(
                "{} local {} with a plugin role ({}); installed packages (node_modules) are not counted",
                plugins.len(),
                plural(plugins.len(), "package", "packages"),
                rules.plugin_roles.join(", ")
            )];
            evidence.extend(plugins.iter().map(|p| {
                let name = p
                    .name
                    .as_deref()
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default();
                let place = if p.path.is_empty() {
                    p.repository.clone()
                } else {
                    format!("{}/{}", p.repository, p.path)
                };
                format!("{place}: {}{name}", p.role)
            }));
            answers.count(PLUGINS, plugins.len(), capped(evidence));
            months_answer(&apps, rules.months_note.as_str(), answers);
        }
        Some(other) => {
            let why = format!("measured only for a Backstage app; the portal found is {other}");
            answers.leave_out(PLUGINS, why.clone());
            answers.leave_out(MONTHS, why);
        }
        None => {
            let why = "depends on current.portal, which was not measured";
            answers.leave_out(PLUGINS, why);
            answers.leave_out(MONTHS, why);
        }
    }
    report.backstage = BackstageReport {
        apps: apps.into_iter().map(|(app, _)| app).collect(),
        libraries,
        plugins,
    };
}

fn months_answer(apps: &[(BackstageApp, Option<u64>)], note: &str, answers: &mut Answers) {
    let mut evidence = Vec::new();
    let mut unknown = Vec::new();
    let mut longest: Option<u64> = None;
    for (app, lower_bound) in apps {
        let place = if app.path.is_empty() {
            app.repository.clone()
        } else {
            format!("{}/{}", app.repository, app.path)
        };
        match (app.months, &app.first_commit, &app.newest_commit) {
            (Some(months), Some(first), Some(newest)) => {
                evidence.push(format!(
                    "{place}: first commit with the app on {first}, newest commit in the repository on {newest}: {}",
                    count_of(months as usize, "month", "months")
                ));
                longest = Some(longest.map_or(months, |l| l.max(months)));
            }
            _ => match lower_bound {
                Some(bound) => unknown.push(format!(
                    "{place}: at least {} (its history is cut short)",
                    count_of(*bound as usize, "month", "months")
                )),
                None => unknown.push(format!("{place}: no git history to count from")),
            },
        }
    }
    match longest {
        Some(months) if unknown.is_empty() => {
            if apps.len() > 1 {
                evidence.push("the longest-running app counts".to_string());
            }
            evidence.push(note.to_string());
            answers.count(MONTHS, months as usize, evidence);
        }
        _ => answers.leave_out(MONTHS, unknown.join("; ")),
    }
}

/// The packages in or below `dir` of one repository.
fn packages_under<'a>(
    facts: &'a [FileFacts],
    dir: &str,
) -> Vec<&'a super::parse::manifest::Package> {
    facts
        .iter()
        .filter(|f| is_under(&f.path, dir))
        .filter_map(|f| f.package.as_ref())
        .collect()
}

/// Which system (new, old) the packages of the given roles are on, by their dependencies.
fn system(
    packages: &[&super::parse::manifest::Package],
    roles: &[String],
    new: &[String],
    old: &[String],
) -> &'static str {
    let mut systems = BTreeSet::new();
    for package in packages {
        if !package.role.as_ref().is_some_and(|r| roles.contains(r)) {
            continue;
        }
        let depends = |names: &[String]| names.iter().any(|n| package.dependencies.contains(n));
        systems.insert(if depends(new) {
            "new"
        } else if depends(old) {
            "old"
        } else {
            "unknown"
        });
    }
    match systems.len() {
        0 => "unknown",
        1 => systems.into_iter().next().unwrap_or("unknown"),
        _ => "mixed",
    }
}

// ---------------------------------------------------------------------------------------------
// platform.catalog_data

const CATALOG: &str = "platform.catalog_data";

fn catalog(
    scanned: &[Scanned<'_>],
    detectors: &Detectors,
    names: &Names<'_>,
    report: &mut ScanReport,
    answers: &mut Answers,
) {
    let rules = &detectors.catalog;
    let mut summary = CatalogReport {
        stale_after_months: rules.stale_after_months,
        ..CatalogReport::default()
    };
    let mut problem_entities = 0usize;
    let mut maybe_stale = 0usize;
    let mut unowned_lines = Vec::new();
    let mut stale_lines = Vec::new();
    let mut repositories = BTreeSet::new();
    for (index, s) in scanned.iter().enumerate() {
        let history = read_history(s.history);
        for facts in &s.repository.facts {
            let Some(file) = &facts.catalog else {
                continue;
            };
            repositories.insert(index);
            let judged: Vec<_> = file
                .entities
                .iter()
                .filter(|e| rules.owner_kinds.contains(&e.kind))
                .collect();
            let without_owner = judged.iter().filter(|e| !e.has_owner).count();
            let file_change = history.and_then(|h| h.last_changed.get(&facts.git_path).copied());
            let code_change =
                history.and_then(|h| h.last_changed.get(git_parent(&facts.git_path)).copied());
            let stale = match (file_change, code_change) {
                (Some(Change::NotCommitted), _) => Some(false),
                (Some(Change::At(file)), Some(Change::At(code))) => {
                    Some(code > file && months_between(file, code) >= rules.stale_after_months)
                }
                _ => None,
            };
            let shown = names.file(&s.repository.name, &facts.path);
            if without_owner > 0 {
                unowned_lines.push(format!("{shown}: {without_owner} without spec.owner"));
            }
            let stale_here = if stale == Some(true) { judged.len() } else { 0 };
            if stale == Some(true) {
                if let (Some(Change::At(file)), Some(Change::At(code))) = (file_change, code_change)
                {
                    stale_lines.push(format!(
                        "{shown}: last changed {}, the code next to it {} ({} later)",
                        date(file),
                        date(code),
                        count_of(months_between(file, code) as usize, "month", "months")
                    ));
                }
            }
            let problems = if stale == Some(true) {
                judged.len()
            } else {
                without_owner
            };
            let unknown_here = if stale.is_none() {
                judged.len() - without_owner
            } else {
                0
            };
            problem_entities += problems;
            maybe_stale += unknown_here;
            summary.entities += file.entities.len();
            summary.judged += judged.len();
            summary.without_owner += without_owner;
            summary.stale += stale_here;
            summary.unknown_staleness += if stale.is_none() { judged.len() } else { 0 };
            summary.files.push(CatalogFileReport {
                code_changed: change_date(code_change),
                entities: file.entities.len(),
                judged: judged.len(),
                last_changed: change_date(file_change),
                path: names.path(&facts.path),
                repository: names.repository(&s.repository.name),
                stale,
                without_owner,
            });
        }
    }
    let files = summary.files.len();
    report.catalog = summary.clone();
    if files == 0 {
        answers.leave_out(
            CATALOG,
            "no catalog files (detectors/catalog.toml) were found",
        );
        return;
    }
    if summary.judged == 0 {
        answers.leave_out(
            CATALOG,
            format!(
                "the {} catalog {} hold no entity of a kind that needs an owner ({})",
                files,
                plural(files, "file", "files"),
                rules.owner_kinds.join(", ")
            ),
        );
        return;
    }
    let category = |share: f64| {
        if share >= rules.stale_share {
            "stale"
        } else {
            "manual_maintained"
        }
    };
    let judged = summary.judged as f64;
    let low_share = problem_entities as f64 / judged;
    let high_share = (problem_entities + maybe_stale) as f64 / judged;
    let (low, high) = (category(low_share), category(high_share));
    if low != high {
        answers.leave_out(
            CATALOG,
            format!(
                "{low} or {high}: {} of {} entities are in files whose history could not be read (no git history, a shallow clone, or no commits)",
                summary.unknown_staleness, summary.judged
            ),
        );
        return;
    }
    let mut evidence = vec![format!(
        "{} catalog {} in {} {} across {}; {} of a kind that needs an owner",
        summary.entities,
        plural(summary.entities, "entity", "entities"),
        files,
        plural(files, "file", "files"),
        count_of(repositories.len(), "repository", "repositories"),
        summary.judged
    )];
    evidence.push(format!(
        "{} without spec.owner, {} in files unchanged for {}+ months while the code next to them changed",
        summary.without_owner, summary.stale, rules.stale_after_months
    ));
    evidence.extend(unowned_lines.into_iter().take(SHOWN));
    evidence.extend(stale_lines.into_iter().take(SHOWN));
    evidence.push(format!(
        "{}% stale or without an owner; the answer is stale from {}% (detectors/catalog.toml)",
        percent(low_share),
        percent(rules.stale_share)
    ));
    if summary.unknown_staleness > 0 {
        evidence.push(format!(
            "{} entities in files without readable history were counted both ways; the answer is the same",
            summary.unknown_staleness
        ));
    }
    evidence.push(rules.note.clone());
    answers.choice(CATALOG, low, evidence);
}

fn change_date(change: Option<Change>) -> Option<String> {
    match change {
        Some(Change::At(time)) => Some(date(time)),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// platform.deploy_automation

const DEPLOYS: &str = "platform.deploy_automation";

fn deploys(
    scanned: &[Scanned<'_>],
    detectors: &Detectors,
    names: &Names<'_>,
    report: &mut ScanReport,
    answers: &mut Answers,
) {
    let rules = &detectors.deploys;
    let mut summary = DeployReport::default();
    let mut repositories = BTreeSet::new();
    let mut manual_lines = Vec::new();
    let mut unseen_lines = Vec::new();
    for (index, s) in scanned.iter().enumerate() {
        for facts in &s.repository.facts {
            let Some(pipeline) = &facts.pipeline else {
                continue;
            };
            for job in &pipeline.deploy_jobs {
                repositories.insert(index);
                let file = names.file(&s.repository.name, &facts.path);
                let job_name = names.label(&job.name);
                let (start, why) = match &job.start {
                    Start::Automatic => {
                        summary.automatic += 1;
                        ("automatic", None)
                    }
                    Start::Manual(why) => {
                        summary.manual += 1;
                        manual_lines.push(format!(
                            "{file}: job `{job_name}` waits for a person: {why}"
                        ));
                        ("manual", Some(why.clone()))
                    }
                    Start::Unseen(why) => {
                        summary.unseen += 1;
                        let why = redact_environment(why, job.environment.as_deref(), names);
                        unseen_lines.push(format!(
                            "{file}: job `{job_name}` starts on its own unless held: {why}"
                        ));
                        ("unseen", Some(why))
                    }
                };
                summary.jobs.push(DeployJobReport {
                    environment: job.environment.as_deref().map(|e| names.label(e)),
                    job: job_name,
                    path: names.path(&facts.path),
                    repository: names.repository(&s.repository.name),
                    start: start.to_string(),
                    system: pipeline.system.id().to_string(),
                    why,
                });
            }
        }
    }
    report.deploys = summary.clone();
    let total = summary.jobs.len();
    if total == 0 {
        answers.leave_out(
            DEPLOYS,
            "no production deploy job was found in GitHub Actions, GitLab CI, Jenkins or Bitbucket Pipelines files",
        );
        return;
    }
    let category = |manual: usize| {
        let share = manual as f64 / total as f64;
        if manual == 0 {
            "automated"
        } else if share >= rules.manual_from_share {
            "manual"
        } else {
            "some_manual"
        }
    };
    let low = category(summary.manual);
    let high = category(summary.manual + summary.unseen);
    if low != high {
        answers.leave_out(
            DEPLOYS,
            format!(
                "{low} or {high}: {} of {} production deploy jobs may wait for an approval set outside the repository; {}",
                summary.unseen,
                total,
                unseen_lines.first().cloned().unwrap_or_default()
            ),
        );
        return;
    }
    let mut evidence = vec![format!(
        "{} production deploy {} in {}: {} wait for a person, {} start on their own{}",
        total,
        plural(total, "job", "jobs"),
        count_of(repositories.len(), "repository", "repositories"),
        summary.manual,
        summary.automatic,
        if summary.unseen > 0 {
            format!(
                ", {} may wait for an approval set outside the repository",
                summary.unseen
            )
        } else {
            String::new()
        }
    )];
    evidence.extend(manual_lines.into_iter().take(SHOWN));
    evidence.extend(unseen_lines.into_iter().take(SHOWN));
    evidence.push(format!(
        "any manual production deploy makes it some_manual; manual from {}% of them (detectors/deploys.toml)",
        percent(rules.manual_from_share)
    ));
    evidence.push(rules.note.clone());
    answers.choice(DEPLOYS, low, evidence);
}

/// The parser's explanation names the environment; with redaction on, it must not.
fn redact_environment(why: &str, environment: Option<&str>, names: &Names<'_>) -> String {
    match environment {
        Some(environment) if names.redacted() => why.replace(
            &format!("`{environment}`"),
            &format!("`{}`", names.label(environment)),
        ),
        _ => why.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Repositories, warnings

fn read_history(outcome: Option<&Outcome>) -> Option<&History> {
    match outcome {
        Some(Outcome::Read(history)) => Some(history),
        _ => None,
    }
}

fn repository_report(s: &Scanned<'_>, names: &Names<'_>) -> RepositoryReport {
    let history = match (s.repository.git, s.history) {
        (false, _) => "none",
        (true, None) => "not_needed",
        (true, Some(Outcome::NoCommits)) => "no_commits",
        (true, Some(Outcome::Unreadable(_))) => "unreadable",
        (true, Some(Outcome::Read(h))) => match h.ended {
            Ended::FirstCommit | Ended::AllFound => "read",
            Ended::Shallow => "shallow",
            Ended::Limit => "cut_short",
        },
    };
    RepositoryReport {
        files: s.repository.files,
        history: history.to_string(),
        kind: if s.repository.git { "git" } else { "folder" }.to_string(),
        name: names.repository(&s.repository.name),
    }
}

fn skipped_report(skipped: &Skipped) -> SkippedReport {
    SkippedReport {
        bare_repositories: skipped.bare_repositories,
        binary: skipped.binary,
        non_utf8_paths: skipped.non_utf8_paths,
        special_files: skipped.special_files,
        symlinks: skipped.symlinks,
        too_large: skipped.too_large,
        unreadable: skipped.unreadable,
    }
}

fn warnings(scanned: &[Scanned<'_>], notes: &[Note], names: &Names<'_>) -> Vec<String> {
    let mut warnings: Vec<String> = notes.iter().map(|n| n.render(names)).collect();
    for s in scanned {
        let repository = &s.repository.name;
        for facts in &s.repository.facts {
            for problem in &facts.problems {
                warnings.push(format!(
                    "{}: {problem}; skipped",
                    names.file(repository, &facts.path)
                ));
            }
        }
        let shown = names.repository(repository);
        match s.history {
            Some(Outcome::NoCommits) => warnings.push(format!(
                "{shown}: a git repository without commits: answers that need history leave it out"
            )),
            Some(Outcome::Unreadable(why)) => warnings.push(format!(
                "{shown}: its git history cannot be read ({why}): answers that need history leave it out"
            )),
            Some(Outcome::Read(h)) if h.ended == Ended::Shallow => warnings.push(format!(
                "{shown}: a shallow clone ({} {} of history): first appearances are only bounds",
                h.commits,
                plural(h.commits as usize, "commit", "commits")
            )),
            Some(Outcome::Read(h)) if h.ended == Ended::Limit => {
                warnings.push(format!(
                    "{shown}: history followed for {} commits (detectors/scan.toml max_commits) without reaching the first",
                    h.commits
                ))
            }
            _ => {}
        }
    }
    warnings.sort();
    warnings.dedup();
    warnings
}

// ---------------------------------------------------------------------------------------------
// Small helpers

/// The directory part of a `/`-separated path (`""` for a file at the root).
pub(crate) fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// The directory part of a path as git stores it.
fn git_parent(path: &[u8]) -> &[u8] {
    match path.iter().rposition(|b| *b == b'/') {
        Some(slash) => &path[..slash],
        None => &[],
    }
}

/// Whether `path` is `dir` or inside it (everything is inside the root, `""`).
fn is_under(path: &str, dir: &str) -> bool {
    dir.is_empty()
        || path == dir
        || path
            .strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Whole months from `from` to `to`, counted in average-length months.
pub(crate) fn months_between(from: i64, to: i64) -> u64 {
    let seconds = (to - from).max(0) as f64;
    (seconds / MONTH_SECONDS).floor() as u64
}

/// The UTC calendar date of a Unix time, `YYYY-MM-DD`.
pub(crate) fn date(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

fn percent(share: f64) -> String {
    format!("{:.0}", share * 100.0)
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

fn count_of(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", plural(n, one, many))
}

/// At most [`SHOWN`] lines after the first, and a count of the rest.
fn capped(mut lines: Vec<String>) -> Vec<String> {
    let limit = SHOWN + 1;
    if lines.len() > limit {
        let rest = lines.len() - limit;
        lines.truncate(limit);
        lines.push(format!("and {rest} more (all in the JSON output)"));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_utc_calendar_days() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(951_782_400), "2000-02-29");
        assert_eq!(date(1_719_792_000), "2024-07-01");
        assert_eq!(date(-86_400), "1969-12-31");
    }

    #[test]
    fn months_are_whole_average_months() {
        let day = 86_400;
        assert_eq!(months_between(0, 30 * day), 0);
        assert_eq!(months_between(0, 31 * day), 1);
        assert_eq!(months_between(0, 365 * day), 11);
        assert_eq!(months_between(0, 366 * day), 12);
        assert_eq!(months_between(10, 0), 0);
    }

    #[test]
    fn paths_and_parents() {
        assert_eq!(parent("catalog-info.yaml"), "");
        assert_eq!(parent("svc/a/catalog-info.yaml"), "svc/a");
        assert!(is_under("portal/plugins/x/package.json", "portal"));
        assert!(!is_under("portal2/package.json", "portal"));
        assert!(is_under("anything", ""));
    }

    #[test]
    fn connector_is_ready_none_or_unknown() {
        use Availability::{None as No, Ready};
        assert_eq!(connector(Some((Some(Ready), Some(No)))), "ready");
        assert_eq!(connector(Some((Some(No), Some(No)))), "none");
        assert_eq!(connector(Some((Some(No), None))), "unknown");
        assert_eq!(connector(None), "unknown");
    }
}
