//! `idpfit report` and the what-if keys of `idpfit score`, run as a user runs them. The HTML is
//! parsed with an HTML parser, so the assertions are about what a browser would show, not about
//! the bytes.

use std::fs;
use std::path::Path;

use predicates::str::contains;
use scraper::{ElementRef, Html, Selector};

use crate::support::{EXAMPLES, fixture, idpfit, run};

fn stdout_of(args: &[&str]) -> String {
    let run = run(args);
    assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
    run.stdout
}

/// `score --format json` of `file`, with or without the what-if keys.
fn json_of(file: &str, what_if: bool) -> serde_json::Value {
    let mut args = vec!["score", "--format", "json", file];
    if !what_if {
        args.push("--no-what-if");
    }
    serde_json::from_str(&stdout_of(&args)).unwrap()
}

fn sel(selector: &str) -> Selector {
    Selector::parse(selector).unwrap()
}

fn text(element: ElementRef<'_>) -> String {
    element.text().collect::<String>()
}

fn select_text(html: &Html, selector: &str) -> Option<String> {
    html.select(&sel(selector)).next().map(text)
}

/// An answers file in a fresh directory: `example` with `replacements` applied to its text.
fn variant(dir: &Path, name: &str, example: &str, replacements: &[(&str, &str)]) -> String {
    let mut source = fs::read_to_string(crate::support::repo_path(&format!(
        "examples/{example}.toml"
    )))
    .unwrap();
    for (from, to) in replacements {
        assert!(source.contains(from), "{from} not in {example}");
        source = source.replacen(from, to, 1);
    }
    let path = dir.join(name);
    fs::write(&path, source).unwrap();
    path.display().to_string()
}

// ----------------------------------------------------------------------------------------------
// HTML

#[test]
fn the_html_report_has_every_section_and_shows_the_scored_numbers() {
    for example in EXAMPLES {
        let file = format!("examples/{example}.toml");
        let json = json_of(&file, true);
        let page = stdout_of(&["report", "--format", "html", &file]);
        let html = Html::parse_document(&page);

        for id in [
            "context",
            "options",
            "dimensions",
            "decision",
            "exclusions",
            "questions",
            "time",
            "consequences",
            "what-if",
            "revisit",
            "answers",
        ] {
            let heading = select_text(&html, &format!("section#{id} > h2"));
            assert!(heading.is_some(), "{example}: no section #{id}");
        }
        for chart in ["score-chart", "lean-chart", "time-chart"] {
            let title = select_text(&html, &format!("svg#{chart} > title"));
            assert!(title.is_some_and(|t| !t.is_empty()), "{example}: {chart}");
        }

        // The recommendation, confidence and robustness in the header.
        let recommendation = select_text(&html, "#recommendation").unwrap();
        let expected = match json["recommendation"].as_str() {
            Some("port") => "Port",
            Some("backstage") => "Backstage",
            Some("hybrid") => "Hybrid (Port + Backstage plugins)",
            _ => "Not yet (leaning Port)",
        };
        assert_eq!(recommendation, expected, "{example}");
        let confidence = select_text(&html, "#confidence").unwrap();
        assert_eq!(
            confidence,
            format!("Confidence: {}", json["confidence"].as_str().unwrap())
        );
        let robustness = (json["robustness"].as_f64().unwrap() * 10000.0).round() / 100.0;
        let pill = select_text(&html, "#robustness").unwrap();
        assert!(pill.contains(&format!("{robustness}%")), "{pill}");

        // Every option's score as JSON has it, in the table and in the chart.
        let chart = select_text(&html, "svg#score-chart").unwrap();
        for option in ["backstage", "port", "hybrid"] {
            let score = json["scores"][option].as_f64().unwrap();
            let shown = select_text(&html, &format!("tr[data-option={option}] td.score"));
            assert_eq!(shown, Some(format!("{score:.1}")), "{example} {option}");
            assert!(chart.contains(&format!("{score:.1}")), "{example} chart");
        }
        // Every dimension's lean, in words.
        for dimension in json["dimensions"].as_array().unwrap() {
            let id = dimension["id"].as_str().unwrap();
            let lean = dimension["lean"].as_i64().unwrap();
            let words = match lean {
                l if l < 0 => format!("Port {}", -l),
                l if l > 0 => format!("Backstage {l}"),
                _ => "balanced".to_string(),
            };
            let shown = select_text(&html, &format!("tr[data-dimension={id}] td.lean"));
            assert_eq!(shown, Some(words.clone()), "{example} {id}");
            let lean_chart = select_text(&html, "svg#lean-chart").unwrap();
            assert!(lean_chart.contains(&words), "{example} lean chart {words}");
        }
        // Each blocker is listed to fix first.
        let fixes: Vec<String> = html.select(&sel("ol.fix li")).map(text).collect();
        let blockers = json["blockers"].as_array().map_or(0, Vec::len);
        if json["recommendation"] == "not_ready" {
            assert_eq!(fixes.len(), blockers, "{example}");
        } else {
            assert!(fixes.is_empty(), "{example}");
        }
        // Five core questions, each settled or with its findings.
        assert_eq!(html.select(&sel("article.card")).count(), 5);
    }
}

#[test]
fn the_html_report_is_self_contained() {
    for example in EXAMPLES {
        let page = stdout_of(&[
            "report",
            "--format",
            "html",
            &format!("examples/{example}.toml"),
        ]);
        let html = Html::parse_document(&page);
        for tag in ["script", "link", "img", "iframe", "object", "embed", "base"] {
            assert_eq!(html.select(&sel(tag)).count(), 0, "{example}: <{tag}>");
        }
        let external = html.select(&sel("[src], [href]")).next();
        assert!(
            external.is_none(),
            "{example}: external reference in {:?}",
            external.map(|e| e.value().clone())
        );
        let css = select_text(&html, "style").unwrap();
        assert!(
            !css.contains("url(") && !css.contains("@import"),
            "{example}"
        );
        assert!(!css.contains("http"), "{example}");
    }
}

#[test]
fn user_text_in_the_html_report_shows_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "hostile.toml",
        "port",
        &[
            (
                "name = \"Northwind Retail\"",
                "name = \"<script>alert(1)</script>\"",
            ),
            (
                "top_friction = \"New services wait days for a repository, pipeline and on-call setup\"",
                "top_friction = \"<img src=x onerror=alert(2)> & \\\"quotes\\\"\"",
            ),
            (
                "accountable_owner = \"Head of Platform\"",
                "accountable_owner = \"Ops </td></tr></table><b>bold</b>\"",
            ),
        ],
    );
    let page = stdout_of(&["report", "--format", "html", &file]);
    let html = Html::parse_document(&page);
    for tag in ["script", "img", "b"] {
        assert_eq!(html.select(&sel(tag)).count(), 0, "<{tag}> got through");
    }
    assert_eq!(
        select_text(&html, "h1").as_deref(),
        Some("<script>alert(1)</script>")
    );
    assert_eq!(
        select_text(&html, "title").as_deref(),
        Some("Portal decision record: <script>alert(1)</script>")
    );
    let answers: Vec<String> = html.select(&sel("#answers td.given")).map(text).collect();
    assert!(answers.contains(&"<img src=x onerror=alert(2)> & \"quotes\"".to_string()));
    assert!(answers.contains(&"Ops </td></tr></table><b>bold</b>".to_string()));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));

    let markdown = stdout_of(&["report", &file]);
    assert!(!markdown.contains("<script>") && !markdown.contains("<img"));
    assert!(markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

// ----------------------------------------------------------------------------------------------
// Markdown

#[test]
fn markdown_reports_need_no_raw_html() {
    for example in EXAMPLES {
        let markdown = stdout_of(&["report", &format!("examples/{example}.toml")]);
        let tag = markdown.char_indices().find(|(i, c)| {
            *c == '<'
                && markdown[i + 1..]
                    .chars()
                    .next()
                    .is_some_and(|n| n.is_ascii_alphabetic() || n == '/' || n == '!')
        });
        assert!(tag.is_none(), "{example}: raw HTML at byte {tag:?}");
        for heading in [
            "## Context",
            "## Options considered",
            "## The four dimensions",
            "## Decision",
            "## Exclusions and blockers",
            "## The five questions to settle before committing",
            "## Time to value",
            "## Consequences",
            "## What would change the decision",
            "## Revisit when",
        ] {
            assert!(markdown.contains(heading), "{example}: {heading}");
        }
    }
}

#[test]
fn migration_and_cost_sections_appear_only_when_they_apply() {
    let port = stdout_of(&["report", "examples/port.toml"]);
    assert!(port.contains("## Two-year cost") && !port.contains("## Migration"));
    let backstage = stdout_of(&["report", "examples/backstage.toml"]);
    assert!(!backstage.contains("## Two-year cost"));

    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "on-port.toml",
        "backstage",
        &[
            (
                "requirement = \"must_self_host\"",
                "requirement = \"no_constraint\"",
            ),
            (
                "portal = \"none\"",
                "portal = \"port\"\nmonths_invested = 20\ncustom_plugins = 6\npain = \"customization_ceiling\"",
            ),
        ],
    );
    let report = stdout_of(&["report", &file]);
    assert!(report.contains("## Migration"), "{report}");
    assert!(report.contains("Moving from Port to Backstage is an export-and-rebuild"));
    assert!(report.contains("hit Port's customisation ceiling"));
}

// ----------------------------------------------------------------------------------------------
// The command

#[test]
fn report_writes_html_when_the_output_file_says_so_and_never_overwrites_silently() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("decision.html");
    let out = out.to_str().unwrap();
    idpfit()
        .args(["report", "examples/hybrid.toml", "--output", out])
        .assert()
        .success()
        .stdout("");
    let page = fs::read_to_string(out).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    idpfit()
        .args(["report", "examples/hybrid.toml", "--output", out])
        .assert()
        .code(2)
        .stderr(contains("--force"));
    idpfit()
        .args([
            "report",
            "examples/port.toml",
            "--output",
            out,
            "--force",
            "--format",
            "markdown",
        ])
        .assert()
        .success();
    let markdown = fs::read_to_string(out).unwrap();
    assert!(markdown.starts_with("# Internal developer portal: decision record for Northwind"));
}

#[test]
fn the_report_says_which_unknown_answer_decides_it() {
    let report = stdout_of(&["report", &fixture("unknowns.toml")]);
    assert!(
        report.contains("hosting.requirement decides it: must_self_host gives Backstage"),
        "{report}"
    );
    assert!(report.contains("When hosting.requirement is known."));
}

// ----------------------------------------------------------------------------------------------
// score --format json

#[test]
fn score_json_carries_counterfactuals_and_robustness_unless_told_not_to() {
    let plain = json_of("examples/port.toml", false);
    assert!(plain.get("counterfactuals").is_none(), "with --no-what-if");
    // Robustness weighs on the confidence, so it is always there.
    for key in ["robustness", "leaning_robustness"] {
        assert!(plain[key].is_number(), "{key} with --no-what-if");
    }
    let json = json_of("examples/port.toml", true);
    let robustness = json["robustness"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&robustness));
    assert!(json["leaning_robustness"].is_number());
    let counterfactuals = json["counterfactuals"].as_array().unwrap();
    let stale = counterfactuals
        .iter()
        .find(|c| c["changes"][0]["answer"] == "platform.catalog_data")
        .expect("a counterfactual on platform.catalog_data");
    assert_eq!(stale["changes"][0]["from"], "manual_maintained");
    assert_eq!(stale["changes"][0]["to"], "stale");
    assert_eq!(stale["recommendation"], "not_ready");
    // Facts such as the hosting requirement are never changed: only levers are.
    assert!(
        counterfactuals
            .iter()
            .all(|c| c["changes"][0]["answer"] != "hosting.requirement")
    );
    // Same input, same bytes.
    let hybrid = ["score", "--format", "json", "examples/hybrid.toml"];
    assert_eq!(stdout_of(&hybrid), stdout_of(&hybrid));
}

#[test]
fn score_tables_and_markdown_say_what_would_change_it() {
    for format in ["table", "markdown"] {
        let plain = stdout_of(&[
            "score",
            "--no-what-if",
            "--format",
            format,
            "examples/port.toml",
        ]);
        assert!(!plain.contains("What would change it"), "{format}");
        let asked = stdout_of(&["score", "--format", format, "examples/port.toml"]);
        assert!(asked.contains("What would change it"), "{format}");
        assert!(
            asked.contains("Held in 100%") || asked.contains("held in 100%"),
            "{format}"
        );
        let hybrid = stdout_of(&["score", "--format", format, "examples/hybrid.toml"]);
        assert!(
            hybrid.contains(
                "If leadership could wait 6 months for first value instead of 4, the recommendation would be Backstage."
            ),
            "{format}: {hybrid}"
        );
    }
    let not_ready = stdout_of(&["score", "--format", "markdown", "examples/not-ready.toml"]);
    assert!(not_ready.contains("No change to one or two answers gives another recommendation."));
}
