//! Snapshots of every output format for every shipped example: `score` as a table, Markdown and
//! JSON, the `report` as Markdown and ADR, and the `template`. Review a change with `cargo insta review`; a
//! changed snapshot is a changed user experience and belongs in the commit that causes it.
//!
//! The snapshots live in `snapshots/` beside this file, each file named after its snapshot.

use crate::support::{EXAMPLES, run};

/// Runs `check` with snapshot files named `NAME.snap` rather than after this module's path, all
/// in `tests/cli/snapshots/` whichever module of this binary takes them.
pub fn with_plain_names(check: impl FnOnce()) {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings
        .set_snapshot_path(std::path::Path::new(crate::support::ROOT).join("tests/cli/snapshots"));
    settings.bind(check);
}

/// Standard output of a run that must succeed and print nothing to standard error.
fn stdout_of(args: &[&str]) -> String {
    let run = run(args);
    run.assert_success();
    assert_eq!(run.stderr, "", "{args:?}");
    run.stdout
}

#[test]
fn score_outputs() {
    with_plain_names(|| {
        for example in EXAMPLES {
            let file = format!("examples/{example}.toml");
            for format in ["table", "markdown", "json"] {
                let stdout = stdout_of(&["score", "--format", format, &file]);
                insta::assert_snapshot!(format!("score-{example}-{format}"), stdout);
            }
        }
    });
}

/// The answers the decision record is snapshotted for: the examples, and an organisation
/// fourteen months into Backstage and short of capacity.
const RECORDS: &[&str] = &[
    "examples/port.toml",
    "examples/hybrid.toml",
    "examples/not-ready.toml",
    "examples/backstage.toml",
    "tests/fixtures/report/backstage-short-of-capacity.toml",
];

#[test]
fn decision_records_as_markdown_and_adr() {
    with_plain_names(|| {
        for file in RECORDS {
            let name = std::path::Path::new(file)
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default();
            for format in ["markdown", "adr"] {
                let text = stdout_of(&[
                    "report",
                    "--format",
                    format,
                    "--date",
                    "2026-12-01",
                    "--author",
                    "Dana Kim",
                    file,
                ]);
                insta::assert_snapshot!(format!("report-{name}-{format}"), text);
            }
        }
    });
}

#[test]
fn template() {
    with_plain_names(|| {
        let stdout = stdout_of(&["template"]);
        insta::assert_snapshot!("template", stdout);
    });
}
