//! The result of `idpfit scan`: one [`ScanReport`] in, a `String` out, in the format the user
//! picked.
//!
//! - `table`: for a person at a terminal: answers with their evidence, then the details.
//! - `json`: the report itself, keys sorted at every level (SPEC §7).
//! - `toml`: a partial answers file, each measured answer with its evidence as `#` comments
//!   above it, ready for `idpfit score --partial` or for copying into an answers file.
//!
//! Order is the report's: answers by id, tools by id, repositories and files by name. Every
//! string from the report passes [`single_line`] on its way out, so a name with control
//! characters can neither break a TOML comment nor drive a terminal.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use clap::ValueEnum;

use super::text::single_line;
use crate::scan::report::{
    MeasuredAnswer, QUESTIONNAIRE, ScanReport, TOML_ITEM, TOML_NOT_MEASURED,
};

/// Lists in the table show at most this many lines; the JSON output has them all.
const SHOWN: usize = 10;

/// Output formats of `idpfit scan`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ScanFormat {
    /// Measured answers, their evidence and the details, for reading in a terminal.
    Table,
    /// The whole report as JSON, for tools.
    Json,
    /// A partial answers file with the evidence as comments.
    Toml,
}

pub fn render(format: ScanFormat, report: &ScanReport) -> String {
    match format {
        ScanFormat::Table => table(report),
        ScanFormat::Json => json(report),
        ScanFormat::Toml => toml(report),
    }
}

pub fn json(report: &ScanReport) -> String {
    // serde_json escapes every control character; its output is safe as it is.
    super::json::pretty(report)
}

pub fn toml(report: &ScanReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Answers measured by `idpfit scan` in {} {}.",
        report.repositories,
        if report.repositories == 1 {
            "repository"
        } else {
            "repositories"
        }
    );
    out.push_str(
        "# A partial answers file: check each answer against its evidence (the comments above it),\n\
         # then score it with `idpfit score --partial FILE` or copy the answers into your own file.\n",
    );
    if let Some(redaction) = &report.redaction {
        let _ = writeln!(out, "# Names are hidden: {}.", single_line(redaction));
    }
    let _ = writeln!(out, "questionnaire = \"{QUESTIONNAIRE}\"");

    let mut sections: BTreeMap<&str, Vec<(&str, &MeasuredAnswer)>> = BTreeMap::new();
    for (id, answer) in &report.answers {
        if let Some((section, key)) = id.split_once('.') {
            sections.entry(section).or_default().push((key, answer));
        }
    }
    for (section, answers) in sections {
        let _ = writeln!(out, "\n[{section}]");
        for (index, (key, answer)) in answers.iter().enumerate() {
            if index > 0 {
                out.push('\n');
            }
            for evidence in &answer.evidence {
                let _ = writeln!(out, "# {}", single_line(evidence));
            }
            let _ = writeln!(out, "{key} = {}", answer.value.to_toml());
        }
    }
    if !report.not_measured.is_empty() {
        let _ = writeln!(out, "\n{TOML_NOT_MEASURED}");
        for (id, why) in &report.not_measured {
            let _ = writeln!(out, "{TOML_ITEM}{id}: {}", single_line(why));
        }
    }
    if !report.warnings.is_empty() {
        let _ = writeln!(out, "\n# Warnings ({}):", report.warnings.len());
        for warning in &report.warnings {
            let _ = writeln!(out, "{TOML_ITEM}{}", single_line(warning));
        }
    }
    out
}

pub fn table(report: &ScanReport) -> String {
    let mut out = String::new();
    let git = report.scanned.iter().filter(|r| r.kind == "git").count();
    let files: u64 = report.scanned.iter().map(|r| r.files).sum();
    let _ = writeln!(
        out,
        "Scanned {} {} ({git} with git, {} plain {}), {files} files.",
        report.repositories,
        plural(report.repositories, "repository", "repositories"),
        report.repositories - git,
        plural(report.repositories - git, "folder", "folders"),
    );
    if let Some(redaction) = &report.redaction {
        let _ = writeln!(out, "Names are hidden: {}.", single_line(redaction));
    }

    out.push_str("\nMeasured answers\n");
    if report.answers.is_empty() {
        out.push_str("  none\n");
    }
    for (id, answer) in &report.answers {
        let _ = writeln!(out, "  {id} = {}", answer.value.to_toml());
        for evidence in &answer.evidence {
            let _ = writeln!(out, "      {}", single_line(evidence));
        }
    }
    if !report.not_measured.is_empty() {
        out.push_str("\nNot measured\n");
        for (id, why) in &report.not_measured {
            let _ = writeln!(out, "  {id}: {}", single_line(why));
        }
    }

    if !report.tools.is_empty() {
        let _ = writeln!(out, "\nTools ({})", report.tools.len());
        let rows: Vec<[String; 4]> = report
            .tools
            .iter()
            .map(|t| {
                [
                    single_line(&t.id),
                    t.category.clone(),
                    t.connector.clone(),
                    t.repositories.to_string(),
                ]
            })
            .collect();
        columns(
            &mut out,
            ["tool", "category", "connector", "repositories"],
            &rows,
        );
    }

    if !report.backstage.apps.is_empty() {
        out.push_str("\nBackstage\n");
        for app in &report.backstage.apps {
            let place = join(&app.repository, &app.path);
            let _ = writeln!(
                out,
                "  {}: version {}, backend {} system, frontend {} system{}",
                single_line(&place),
                app.version.as_deref().unwrap_or("not stated"),
                app.backend_system,
                app.frontend_system,
                app.months
                    .map(|m| format!(", {m} months of history"))
                    .unwrap_or_default()
            );
        }
        let _ = writeln!(
            out,
            "  {} local {}, {} {}",
            report.backstage.plugins.len(),
            plural(report.backstage.plugins.len(), "plugin", "plugins"),
            report.backstage.libraries,
            plural(report.backstage.libraries, "library", "libraries")
        );
    }

    if !report.catalog.files.is_empty() {
        let c = &report.catalog;
        let _ = writeln!(
            out,
            "\nCatalog\n  {} {} in {} {}; {} of a kind that needs an owner: {} without one, {} stale, {} with unknown history",
            c.entities,
            plural(c.entities, "entity", "entities"),
            c.files.len(),
            plural(c.files.len(), "file", "files"),
            c.judged,
            c.without_owner,
            c.stale,
            c.unknown_staleness
        );
    }

    if !report.deploys.jobs.is_empty() {
        let d = &report.deploys;
        let _ = writeln!(
            out,
            "\nProduction deploy jobs ({}: {} manual, {} automatic, {} possibly held outside the repository)",
            d.jobs.len(),
            d.manual,
            d.automatic,
            d.unseen
        );
        let rows: Vec<[String; 4]> = d
            .jobs
            .iter()
            .take(SHOWN)
            .map(|j| {
                [
                    single_line(&join(&j.repository, &j.path)),
                    single_line(&j.job),
                    j.system.clone(),
                    j.start.clone(),
                ]
            })
            .collect();
        columns(&mut out, ["file", "job", "system", "start"], &rows);
        if d.jobs.len() > SHOWN {
            let _ = writeln!(
                out,
                "  and {} more (all in the JSON output)",
                d.jobs.len() - SHOWN
            );
        }
    }

    if !report.portals.is_empty() {
        out.push_str("\nOther portals\n");
        for signal in report.portals.iter().take(SHOWN) {
            let _ = writeln!(
                out,
                "  {}: {} ({})",
                single_line(&join(&signal.repository, &signal.path)),
                signal.signal,
                signal.portal
            );
        }
        if report.portals.len() > SHOWN {
            let _ = writeln!(
                out,
                "  and {} more (all in the JSON output)",
                report.portals.len() - SHOWN
            );
        }
    }

    let s = &report.skipped;
    let skipped: Vec<String> = [
        (s.too_large, "too large"),
        (s.binary, "binary"),
        (s.unreadable, "unreadable"),
        (s.symlinks, "symbolic links (not followed)"),
        (s.special_files, "pipes, sockets or devices"),
        (s.bare_repositories, "bare repositories"),
        (s.non_utf8_paths, "paths that are not UTF-8"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    if !skipped.is_empty() {
        let _ = writeln!(out, "\nNot read: {}", skipped.join(", "));
    }
    if !report.warnings.is_empty() {
        let _ = writeln!(out, "\nWarnings ({})", report.warnings.len());
        for warning in &report.warnings {
            let _ = writeln!(out, "  {}", single_line(warning));
        }
    }
    out
}

fn join(repository: &str, path: &str) -> String {
    if path.is_empty() {
        repository.to_string()
    } else {
        format!("{repository}/{path}")
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// Left-aligned columns, two spaces apart, under a header.
fn columns<const N: usize>(out: &mut String, header: [&str; N], rows: &[[String; N]]) {
    let mut widths: [usize; N] = header.map(|h| h.chars().count());
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut write_row = |cells: Vec<&str>| {
        let mut text = String::from("  ");
        for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
            if i + 1 == N {
                text.push_str(cell);
            } else {
                let _ = write!(text, "{cell:<width$}  ");
            }
        }
        let _ = writeln!(out, "{}", text.trim_end());
    };
    write_row(header.to_vec());
    for row in rows {
        write_row(row.iter().map(String::as_str).collect());
    }
}
