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

/// `report` with its date pinned, so the output does not depend on the clock.
fn report(args: &[&str]) -> String {
    let mut all = vec!["report", "--date", "2026-12-01"];
    all.extend_from_slice(args);
    stdout_of(&all)
}

#[test]
fn the_html_record_opens_with_the_summary_and_shows_the_scored_numbers() {
    for example in EXAMPLES {
        let file = format!("examples/{example}.toml");
        let json = json_of(&file, true);
        let page = report(&["--format", "html", &file]);
        let html = Html::parse_document(&page);
        let first = html.select(&sel("main > section")).next().unwrap();
        assert_eq!(first.value().attr("id"), Some("summary"), "{example}");
        for id in [
            "options",
            "questions",
            "time",
            "consequences",
            "checkpoints",
            "what-if",
            "appendix",
        ] {
            assert!(
                select_text(&html, &format!("section#{id} > h2")).is_some(),
                "{example}: no section #{id}"
            );
        }
        let recommendation = select_text(&html, "#recommendation").unwrap();
        let expected = match json["recommendation"].as_str() {
            Some("port") => "Port",
            Some("backstage") => "Backstage",
            Some("hybrid") => "Hybrid (Port + Backstage plugins)",
            _ => "Not yet (leaning Port)",
        };
        assert_eq!(recommendation, expected, "{example}");
        let chart = select_text(&html, "#score-chart").unwrap();
        for option in ["backstage", "port", "hybrid"] {
            let score = json["scores"][option].as_f64().unwrap();
            assert!(chart.contains(&format!("{score:.1}")), "{example} {option}");
        }
        // No ids, file paths or commands before the appendix.
        let leadership: String = html
            .select(&sel("main > section:not(#appendix)"))
            .map(text)
            .collect();
        for jargon in [
            "capacity.",
            "timeline.",
            "_",
            "idpfit ",
            "examples/",
            ".toml",
        ] {
            assert!(
                !leadership.contains(jargon),
                "{example}: {jargon:?} in the leadership part"
            );
        }
        // Under "not yet" the ask lists every blocker to fix, then the re-assessment.
        let asks = html.select(&sel("#summary ul.ask li")).count();
        let blockers = json["blockers"].as_array().map_or(0, Vec::len);
        if blockers > 0 {
            assert_eq!(asks, blockers + 1, "{example}");
        }
    }
}

#[test]
fn the_html_report_is_self_contained() {
    for example in EXAMPLES {
        let page = report(&["--format", "html", &format!("examples/{example}.toml")]);
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
    let page = report(&["--format", "html", &file]);
    let html = Html::parse_document(&page);
    for tag in ["script", "img", "b"] {
        let outside_meta = html
            .select(&sel(tag))
            .filter(|e| e.text().any(|t| t.contains("bold") || t.contains("alert")))
            .count();
        assert_eq!(outside_meta, 0, "<{tag}> got through");
    }
    assert_eq!(
        select_text(&html, "h1").as_deref(),
        Some("<script>alert(1)</script>")
    );
    let answers: Vec<String> = html.select(&sel("#appendix .given")).map(text).collect();
    assert!(answers.contains(&"<img src=x onerror=alert(2)> & \"quotes\"".to_string()));
    assert!(answers.contains(&"Ops </td></tr></table><b>bold</b>".to_string()));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));

    let markdown = report(&[&file]);
    assert!(!markdown.contains("<script>") && !markdown.contains("<img"));
    assert!(markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

// ----------------------------------------------------------------------------------------------
// Markdown, ADR and JSON

#[test]
fn markdown_reports_need_no_raw_html_and_start_with_the_summary() {
    for example in EXAMPLES {
        let markdown = report(&[&format!("examples/{example}.toml")]);
        let tag = markdown.char_indices().find(|(i, c)| {
            *c == '<'
                && markdown[i + 1..]
                    .chars()
                    .next()
                    .is_some_and(|n| n.is_ascii_alphabetic() || n == '/' || n == '!')
        });
        assert!(tag.is_none(), "{example}: raw HTML at byte {tag:?}");
        let first = markdown.find("\n## ").map(|i| &markdown[i + 4..i + 11]);
        assert_eq!(first, Some("Summary"), "{example}");
    }
}

#[test]
fn the_adr_is_madr_with_front_matter_and_its_headings() {
    for example in EXAMPLES {
        let adr = report(&[
            "--format",
            "adr",
            "--status",
            "accepted",
            "--approver",
            "CTO",
            &format!("examples/{example}.toml"),
        ]);
        assert!(
            adr.starts_with(
                "---\nstatus: accepted\ndate: 2026-12-01\ndecision-makers: \"CTO\"\n---\n"
            ),
            "{adr}"
        );
        let mut at = 0;
        for heading in [
            "\n## Context and Problem Statement\n",
            "\n## Decision Drivers\n",
            "\n## Considered Options\n",
            "\n## Decision Outcome\n",
            "\n### Consequences\n",
            "\n## Pros and Cons of the Options\n",
        ] {
            let found = adr[at..].find(heading).map(|i| i + at);
            assert!(
                found.is_some(),
                "{example}: {heading:?} missing or out of order"
            );
            at = found.unwrap_or(at);
        }
    }
}

/// `report --format json` of `file`.
fn record_of(file: &str) -> serde_json::Value {
    serde_json::from_str(&report(&["--format", "json", file])).unwrap()
}

/// Every object in `value` has its keys in sorted order.
fn keys_sorted(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Object(map) => {
            let keys: Vec<&String> = map.keys().collect();
            keys.windows(2).all(|w| w[0] < w[1]) && map.values().all(keys_sorted)
        }
        serde_json::Value::Array(items) => items.iter().all(keys_sorted),
        _ => true,
    }
}

#[test]
fn the_json_record_has_the_spec_keys_sorted_at_every_level() {
    for example in EXAMPLES {
        let text = report(&["--format", "json", &format!("examples/{example}.toml")]);
        let raw: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(keys_sorted(&raw), "{example}: keys out of order");
        let summary = &raw["summary"];
        assert!(summary["recommendation"].is_string(), "{example}");
        assert_eq!(
            summary["reasons"].as_array().map(Vec::len),
            Some(3),
            "{example}"
        );
        assert!(!summary["ask"].as_array().unwrap().is_empty(), "{example}");
        assert!(
            summary["top_risk"].as_str().is_some_and(|r| !r.is_empty()),
            "{example}"
        );
        for milestone in raw["time_to_value"].as_array().unwrap() {
            assert!(milestone["option"].is_string() && milestone["milestone"].is_string());
            let status = milestone["status"].as_str().unwrap();
            assert!(
                ["in_time", "tight", "too_late", "after_readiness", "unknown"].contains(&status)
            );
            assert_eq!(milestone["months"].as_array().map(Vec::len), Some(2));
        }
        for checkpoint in raw["checkpoints"].as_array().unwrap() {
            for key in ["metric", "baseline", "target", "owner"] {
                assert!(checkpoint[key].is_string(), "{example}: checkpoint {key}");
            }
            assert!(checkpoint["month"].is_u64());
        }
        match &raw["cost"] {
            serde_json::Value::Null => {}
            cost => {
                for option in cost["options"].as_array().unwrap() {
                    assert!(option["per_year"].is_number() && option["two_years"].is_number());
                    assert!(!option["assumptions"].as_array().unwrap().is_empty());
                }
            }
        }
    }
    assert!(record_of("examples/backstage.toml")["cost"].is_null());
}

#[test]
fn a_not_yet_record_starts_every_clock_after_the_readiness_work_and_asks_for_the_fixes() {
    let record = record_of("examples/not-ready.toml");
    for milestone in record["time_to_value"].as_array().unwrap() {
        assert_eq!(milestone["status"], "after_readiness", "{milestone}");
    }
    let ask: Vec<&str> = record["summary"]["ask"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a.as_str())
        .collect();
    assert!(
        ask.iter().any(|a| a.contains("(The platform team)")),
        "{ask:?}"
    );
    assert_eq!(
        ask.last(),
        Some(&"Re-assess by March 2027, once these are fixed.")
    );
    let decision = record["summary"]["decision"].as_str().unwrap();
    assert!(
        decision.starts_with("Not yet: the platform underneath a portal is not reliable yet"),
        "{decision}"
    );

    // Blocked only by an unmeasured baseline: the sentence says so, and nothing about the platform.
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "no-baseline.toml",
        "port",
        &[("baseline_known = true", "baseline_known = false")],
    );
    let record = record_of(&file);
    let decision = record["summary"]["decision"].as_str().unwrap();
    assert_eq!(
        decision,
        "Not yet: nobody could yet tell whether a portal worked. Fix that first; the answers already point to Port."
    );
}

#[test]
fn a_hybrid_with_cost_prices_every_option_in_its_currency_with_port_staffing_as_a_range() {
    let record = record_of("examples/hybrid.toml");
    let cost = &record["cost"];
    assert_eq!(cost["currency"], "EUR");
    let options: Vec<&str> = cost["options"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o["option"].as_str())
        .collect();
    assert_eq!(options, ["backstage", "port", "hybrid"]);
    let port = &cost["options"][1];
    // No cost.port_fte: from the subscription alone to the subscription plus both engineers.
    assert_eq!(port["fte"], serde_json::json!([0.0, 2.0]));
    assert_eq!(port["per_year_low"], 40000.0);
    assert_eq!(port["per_year"], 280000.0);
    let hybrid = &cost["options"][2];
    assert_eq!(hybrid["per_year"], 280000.0);
    let markdown = report(&["examples/hybrid.toml"]);
    assert!(markdown.contains("EUR 40,000"), "{markdown}");
    assert!(
        markdown.contains("Port costs less than Backstage while its subscription stays under EUR 240,000 a year, less EUR 120,000 for each FTE who configures and runs it"),
        "{markdown}"
    );
}

#[test]
fn a_record_for_a_team_on_backstage_says_consolidate_and_counts_the_months_invested() {
    let file = fixture("report/backstage-short-of-capacity.toml");
    let record = record_of(&file);
    let decision = record["summary"]["decision"].as_str().unwrap();
    assert!(
        decision.starts_with("Keep Backstage and cut it back"),
        "{decision}"
    );
    assert!(!decision.contains("Choose Backstage"));
    // 14 months in: the 18-month mark falls four months after the record's date.
    let revisit = record["revisit"].as_array().unwrap();
    assert!(
        revisit
            .iter()
            .any(|r| r["date"] == "2027-04-01"
                && r["when"].as_str().unwrap().contains("18-month mark")),
        "{revisit:?}"
    );
    let markdown = report(&[&file]);
    assert!(
        markdown
            .contains("The 14 months already invested in Backstage count toward its milestones."),
        "{markdown}"
    );
    assert!(markdown.contains(
        "No migration: the 14 months and 6 custom plugins invested in Backstage keep their value."
    ));
    // The build is behind this organisation: staying is not charged with it.
    assert!(
        !markdown.contains("Months before it matches a configured portal"),
        "{markdown}"
    );
    assert!(
        markdown.contains("Cost: Its scope has to match the people behind it"),
        "{markdown}"
    );
    let risk = record["summary"]["top_risk"].as_str().unwrap();
    assert!(!risk.contains("the build"), "{risk}");
}

#[test]
fn a_questionnaire_without_record_data_is_refused_by_report_only() {
    let dir = tempfile::tempdir().unwrap();
    let source = fs::read_to_string(crate::support::repo_path(
        "questionnaires/idp-portal-v1.toml",
    ))
    .unwrap();
    let cut = &source[..source.find("\n[record]\n").unwrap()];
    let path = dir.path().join("plain.toml");
    fs::write(&path, cut).unwrap();
    let questionnaire = path.display().to_string();
    idpfit()
        .args([
            "--questionnaire",
            &questionnaire,
            "score",
            "examples/port.toml",
        ])
        .assert()
        .success();
    idpfit()
        .args([
            "--questionnaire",
            &questionnaire,
            "report",
            "examples/port.toml",
        ])
        .assert()
        .code(2)
        .stderr(contains("has no [record] table"));
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
    assert!(markdown.starts_with("# Internal developer portal for Northwind Retail"));
}

#[test]
fn the_same_inputs_and_date_give_the_same_bytes_and_a_bad_date_is_refused() {
    let args = ["--format", "html", "examples/port.toml"];
    assert_eq!(report(&args), report(&args));
    idpfit()
        .args(["report", "--date", "2026-02-30", "examples/port.toml"])
        .assert()
        .code(2)
        .stderr(contains("not a day of the calendar"));
}

#[test]
fn the_report_says_which_unknown_answer_decides_it_in_words() {
    let report = report(&[&fixture("unknowns.toml")]);
    assert!(
        report.contains("“Does the portal have to run in your own infrastructure?”: “Must self-host: all tooling has to run in our own cloud” gives Backstage"),
        "{report}"
    );
    assert!(
        report.contains(
            "When this is known: Does the portal have to run in your own infrastructure?"
        )
    );
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
        // Terminal text wraps to the width: compare the words.
        let hybrid = stdout_of(&["score", "--format", format, "examples/hybrid.toml"]);
        let hybrid = hybrid.split_whitespace().collect::<Vec<_>>().join(" ");
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

/// `examples/backstage.toml` with half an engineer set aside, with or without cost figures.
fn understaffed_backstage(dir: &Path, with_cost: bool) -> String {
    let source = fs::read_to_string(crate::support::repo_path("examples/backstage.toml")).unwrap();
    let mut text = source.replace("dedicated_fte = 3", "dedicated_fte = 0.5");
    assert_ne!(text, source, "the example sets dedicated_fte = 3");
    if with_cost {
        text.push_str(
            "\n[cost]\nengineer_annual_cost = 150000\nport_annual_subscription = 60000\n",
        );
    }
    let path = dir.join(format!("understaffed-{with_cost}.toml"));
    fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn an_understaffed_backstage_is_asked_for_the_people_it_needs_and_dated_by_them() {
    let dir = tempfile::tempdir().unwrap();
    for with_cost in [false, true] {
        let file = understaffed_backstage(dir.path(), with_cost);
        let record = record_of(&file);
        let summary = &record["summary"];
        let ask: Vec<&str> = summary["ask"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        // The same people with or without figures: those the published times assume.
        assert!(ask[0].starts_with("2–3 FTE who own Backstage"), "{ask:?}");
        // 4-6 months with them from 2026-12-01, not the 16-24 half an engineer would take.
        assert!(ask.iter().any(|a| a.ends_with("by June 2027.")), "{ask:?}");
        let time = summary["time_to_value"].as_str().unwrap();
        assert!(
            time.contains("in 16–24 months with the 0.5 FTE set aside")
                && time.contains("with the 2–3 FTE the ask names, 4–6 months"),
            "{time}"
        );
    }
}
